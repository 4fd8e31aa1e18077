import type { Context } from 'koa';
import type { IdentityRequest } from '@switchboard/sdk';
import { ownOrigin } from '../server/own-origin.js';

/** What the identity resolvers see of a Koa request. */
export const identityRequest = (ctx: Context): IdentityRequest => ({
  headers: ctx.headers,
  ip: ctx.ip,
  method: ctx.method,
  origin: ownOrigin(ctx),
});
