import type { RoutingQuery } from './decision.js';

const PLUS = 43;
const ZERO = 48;

/**
 * The facts of one call that decision nodes test, worked out once per query: the calling
 * number's area code and NPA-NXX as numbers (-1 for a number that is not NANP), so origin nodes
 * can index arrays with them.
 */
export class CallFacts {
  npa = -1;
  /** NPA and NXX as one 6-digit number (212555). */
  prefix = -1;
  lata: string | null = null;
  instant = 0;
  callId = '';

  /** Refills these facts from a query (one object per compiled plan, reused: decisions are synchronous). */
  load(query: RoutingQuery): this {
    this.instant = query.at.getTime();
    this.callId = query.callId;
    this.lata = query.originLata ?? null;
    this.npa = -1;
    this.prefix = -1;
    const number = query.callingNumber;
    // +1 NPA NXX XXXX, neither NPA nor NXX starting with 0 or 1: read without a regular expression, this is per call.
    if (number && number.length === 12 && number.charCodeAt(0) === PLUS && number.charCodeAt(1) === ZERO + 1) {
      let prefix = 0;
      for (let i = 2; i < 12; i++) {
        const digit = number.charCodeAt(i) - ZERO;
        if (digit < 0 || digit > 9) return this;
        if (i < 8) prefix = prefix * 10 + digit;
      }
      const npaLead = number.charCodeAt(2) - ZERO;
      const nxxLead = number.charCodeAt(5) - ZERO;
      if (npaLead >= 2 && nxxLead >= 2) {
        this.prefix = prefix;
        this.npa = Math.floor(prefix / 1000);
      }
    }
    return this;
  }
}
