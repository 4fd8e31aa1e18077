import type { ActionNode } from '../../plan/model.js';
import type { CustomerSetting } from '../config.js';

/** Where a call went, or would go, as the what-if counts it: one bar of the chart. */
export interface Outcome {
  /** Stable within one answer: `call-center:dallas`, `number:+1…`, `sip:…`, `block`, `other:…`, `none`. */
  key: string;
  kind: 'call-center' | 'number' | 'sip' | 'block' | 'other' | 'none';
  /** In words, with the customer's names for its call centers. */
  label: string;
  /** The call center's id, when the outcome is one. */
  callCenterId?: string;
}

/** What a stored call says of where it went (the network's word, not the plan's). */
export interface CallOutcomeFacts {
  destination: string | null;
  callCenter: string | null;
  disposition: string;
}

/**
 * Names outcomes the same way for what happened and for what a plan would do, so the two can be
 * compared bar by bar. A call record cannot tell an announcement from a block (the network reports
 * both as blocked, with no destination), so both sides count them together as "Blocked or announced".
 */
export class Outcomes {
  private readonly centers: Map<string, string>;

  constructor(customer: CustomerSetting | undefined) {
    this.centers = new Map((customer?.callCenters ?? []).map((center) => [center.id, center.name ?? center.id]));
  }

  /** Where a plan's action sends a call. */
  ofAction(action: Readonly<ActionNode>): Outcome {
    switch (action.type) {
      case 'route': {
        const to = action.destination;
        if (to.type === 'call-center') return this.callCenter(to.callCenterId);
        if (to.type === 'sip') return { key: `sip:${to.uri}`, kind: 'sip', label: to.uri };
        return { key: `number:${to.number}`, kind: 'number', label: to.number };
      }
      case 'announce':
      case 'block':
        return BLOCK;
    }
  }

  /** Where a stored call went. */
  ofCall(call: CallOutcomeFacts): Outcome {
    if (call.callCenter) return this.callCenter(call.callCenter);
    const to = call.destination;
    if (to) {
      if (this.centers.has(to)) return this.callCenter(to);
      if (/^sips?:/i.test(to)) return { key: `sip:${to}`, kind: 'sip', label: to };
      if (to.startsWith('+')) return { key: `number:${to}`, kind: 'number', label: to };
      return { key: `other:${to}`, kind: 'other', label: to };
    }
    return call.disposition === 'blocked' ? BLOCK : NONE;
  }

  /** One of the customer's call centers (or one it had), by id. */
  callCenter(id: string): Outcome {
    return { key: `call-center:${id}`, kind: 'call-center', label: this.centers.get(id) ?? id, callCenterId: id };
  }
}

const BLOCK: Outcome = { key: 'block', kind: 'block', label: 'Blocked or announced' };
const NONE: Outcome = { key: 'none', kind: 'none', label: 'No route (failed)' };
