import type { Context } from 'koa';
import type { IdentityRequest } from '@switchboard/sdk';
import { ownOrigin } from '../server/own-origin.js';
import { clientIp } from '../server/raw-request.js';

/** What the identity resolvers see of a Koa request: the address and origin as the direct lane reads them. */
export const identityRequest = (ctx: Context): IdentityRequest => ({
  headers: ctx.headers,
  ip: clientIp(ctx.req, ctx.app.proxy),
  method: ctx.method,
  origin: ownOrigin(ctx),
});
