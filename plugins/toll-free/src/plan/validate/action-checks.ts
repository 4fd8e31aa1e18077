import { atNode, type Location } from '../locations.js';
import type { ActionNode } from '../model.js';
import { isE164Number, sipUriHost, type OwnedDestinations } from '../destinations.js';
import type { Report } from './report.js';

/** The customer's destinations as sets, made once per validation. */
export interface Owned {
  callCenterIds: ReadonlySet<string>;
  announcementIds: ReadonlySet<string>;
  terminatingNumbers: ReadonlySet<string> | null;
  sipDomains: ReadonlySet<string> | null;
}

export function ownedSets(owned: OwnedDestinations): Owned {
  return {
    callCenterIds: new Set(owned.callCenterIds),
    announcementIds: new Set(owned.announcementIds),
    terminatingNumbers: owned.terminatingNumbers ? new Set(owned.terminatingNumbers) : null,
    sipDomains: owned.sipDomains ? new Set([...owned.sipDomains].map((domain) => domain.toLowerCase())) : null,
  };
}

/** A destination is written right and, when the customer's destinations are given, is theirs. */
export function checkAction(node: ActionNode, at: Location, owned: Owned | null, report: Report): void {
  const where = atNode(at, node);
  if (node.type === 'announce') {
    if (owned && !owned.announcementIds.has(node.announcementId))
      report.error('announcement_not_owned', where, node.id, `Announcement "${node.announcementId}" is not one of yours.`);
    return;
  }
  if (node.type !== 'route') return;
  const to = node.destination;
  switch (to.type) {
    case 'number':
      if (!isE164Number(to.number)) report.error('malformed_destination', where, node.id, `"${to.number}" is not a telephone number in E.164, such as "+13125550100".`);
      else if (owned?.terminatingNumbers && !owned.terminatingNumbers.has(to.number))
        report.error('destination_not_owned', where, node.id, `${to.number} is not one of your terminating numbers.`);
      return;
    case 'sip': {
      const host = sipUriHost(to.uri);
      if (host === null) report.error('malformed_destination', where, node.id, `"${to.uri}" is not a SIP URI such as "sip:agents@pbx.example.com".`);
      else if (owned?.sipDomains && !owned.sipDomains.has(host)) report.error('destination_not_owned', where, node.id, `${host} is not one of your SIP domains.`);
      return;
    }
    case 'call-center':
      if (owned && !owned.callCenterIds.has(to.callCenterId)) report.error('destination_not_owned', where, node.id, `Call center "${to.callCenterId}" is not one of yours.`);
  }
}
