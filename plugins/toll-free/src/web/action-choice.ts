import type { FieldOption } from '@switchboard/sdk/web';
import type { ActionNode, Destination } from '../plan/model.js';
import type { Customer } from './answers.js';

// The editor's choice of what a branch ends in: one of the customer's call centers or
// announcements (picked from what the server says it has), a number or SIP URI typed in, or a block.

/** An action as chosen, before it takes the place (and the id) of the node it replaces. */
export type ActionChoice = ActionNode extends infer A ? (A extends ActionNode ? Omit<A, 'id'> : never) : never;

export type ActionKind = 'call-center' | 'number' | 'sip' | 'announce' | 'block';

export const ACTION_KINDS: ReadonlyArray<{ value: ActionKind; label: string }> = [
  { value: 'call-center', label: 'Route to a call center' },
  { value: 'number', label: 'Route to a telephone number' },
  { value: 'sip', label: 'Route to a SIP URI' },
  { value: 'announce', label: 'Play an announcement' },
  { value: 'block', label: 'Block the call' },
];

export function actionKindOf(action: ActionNode): ActionKind {
  if (action.type === 'route') return action.destination.type;
  return action.type;
}

/** The field that names the target of an action of this kind: a list to pick from, or a text field with a hint; null for a block. */
export function destinationOptions(kind: ActionKind, customer: Customer | null): { label: string; options?: FieldOption[]; hint?: string } | null {
  switch (kind) {
    case 'call-center':
      return { label: 'Call center', options: (customer?.callCenters ?? []).map((center) => ({ value: center.id, label: center.name })) };
    case 'announce':
      return { label: 'Announcement', options: (customer?.announcements ?? []).map((announcement) => ({ value: announcement.id, label: announcement.name })) };
    case 'number':
      return { label: 'Telephone number', hint: 'E.164, e.g. +13125550100' };
    case 'sip':
      return { label: 'SIP URI', hint: 'e.g. sip:agents@pbx.example.com' };
    case 'block':
      return null;
  }
}

/** The destination a kind and a value name; a call center or announcement not given is the customer's first. */
export function destinationFrom(kind: Exclude<ActionKind, 'announce' | 'block'>, value: string, customer: Customer | null): Destination {
  switch (kind) {
    case 'call-center':
      return { type: 'call-center', callCenterId: value || (customer?.callCenters[0]?.id ?? '') };
    case 'number':
      return { type: 'number', number: value };
    case 'sip':
      return { type: 'sip', uri: value };
  }
}

/** The action (without its id) a choice makes. */
export function actionFromChoice(kind: string, value: string, customer: Customer | null): ActionChoice {
  switch (kind as ActionKind) {
    case 'announce':
      return { type: 'announce', announcementId: value || (customer?.announcements[0]?.id ?? '') };
    case 'block':
      return { type: 'block' };
    default:
      return { type: 'route', destination: destinationFrom(kind as 'call-center' | 'number' | 'sip', value, customer) };
  }
}
