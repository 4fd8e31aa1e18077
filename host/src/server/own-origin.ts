import type { Context } from 'koa';

/**
 * The origin this request came to (`https://portal.example.net:8443`). Not Koa's `ctx.origin`,
 * which in Koa 3 is the request's Origin header: the very value a CSRF check compares with this.
 */
export const ownOrigin = (ctx: Context) => `${ctx.protocol}://${ctx.host}`;
