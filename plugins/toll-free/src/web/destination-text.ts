import type { ActionNode, Destination, PlanNode } from '../plan/model.js';
import type { Customer } from './answers.js';

// Destinations and nodes in words, with the customer's own names for its call centers.

export function destinationText(destination: Destination, customer: Customer | null): string {
  switch (destination.type) {
    case 'call-center':
      return customer?.callCenters.find((center) => center.id === destination.callCenterId)?.name ?? `call center ${destination.callCenterId}`;
    case 'number':
      return destination.number;
    case 'sip':
      return destination.uri;
  }
}

export function actionText(action: ActionNode, customer: Customer | null): string {
  switch (action.type) {
    case 'route':
      return `Route to ${destinationText(action.destination, customer)}`;
    case 'announce':
      return `Play ${customer?.announcements.find((a) => a.id === action.announcementId)?.name ?? action.announcementId}`;
    case 'block':
      return 'Block the call';
  }
}

/** What a node is, whatever its label: its kind (a decision) or what it does (an action). */
export function nodeKindText(node: PlanNode, customer: Customer | null, kinds: ReadonlyArray<{ type: string; label: string }>): string {
  if (node.type === 'route' || node.type === 'announce' || node.type === 'block') return actionText(node, customer);
  return kinds.find((kind) => kind.type === node.type)?.label ?? node.type;
}
