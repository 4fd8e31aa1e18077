import type { Logger } from '@switchboard/sdk';
import type { CallRouteQuery, CallRouter, RouteAnswer, TrafficContract } from './call-router.js';

/**
 * How long the network waits for a routing answer before it takes the default route, as a switch
 * gives up on a slow SCP: a router that hangs must not hold calls (or the simulator's ticks) forever.
 */
export const ROUTE_TIMEOUT_MS = 2_000;

/**
 * The router registered through the traffic contract, asked on behalf of the network. Until one is
 * registered, and whenever it has no answer, fails or is too slow, the answer is null: the
 * network's default route. Failures are logged once per run of them, not once per call.
 */
export class CallRouting implements Pick<TrafficContract, 'useCallRouter'> {
  private router: CallRouter | null = null;
  private failing = false;

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs = ROUTE_TIMEOUT_MS,
  ) {}

  useCallRouter(router: CallRouter): void {
    if (typeof router?.route !== 'function') throw new TypeError('useCallRouter needs an object with a route(query) method');
    if (this.router) this.logger.info('a call router was registered again; the new one answers from now on');
    this.router = router;
  }

  get hasRouter(): boolean {
    return this.router !== null;
  }

  /** The registered router's answer, or null for the default route. */
  async route(query: CallRouteQuery): Promise<RouteAnswer | null> {
    const router = this.router;
    if (!router) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const answer = await Promise.race([router.route(query), timeout]);
      if (this.failing) this.logger.info('the call router answers again');
      this.failing = false;
      return answer ?? null;
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: error, callId: query.callId }, 'the call router failed; calls take the default route until it answers again');
      this.failing = true;
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
