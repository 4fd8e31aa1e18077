import type { Context } from 'koa';
import { requestOrigin } from './raw-request.js';

/**
 * The origin this request came to (`https://portal.example.net:8443`). Not Koa's `ctx.origin`,
 * which in Koa 3 is the request's Origin header: the very value a CSRF check compares with this.
 * The same function as the direct lane's (raw-request.ts), so both servers agree.
 */
export const ownOrigin = (ctx: Context) => requestOrigin(ctx.req, ctx.app.proxy);
