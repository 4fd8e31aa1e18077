import { toE164 } from '@switchboard/plugin-traffic';

// Whether a route's destination is written right, and whether the customer may send calls there.

/**
 * A SIP or SIPS URI (RFC 3261): optional user part, host name, IPv4 or bracketed IPv6, optional
 * port and parameters. Headers (`?...`) make no sense in a routing answer and are refused.
 */
const SIP_URI = /^sips?:(?:[A-Za-z0-9\-_.!~*'()&=+$,;/%]+(?::[^@\s]*)?@)?(?<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\])(?::(?<port>\d{1,5}))?(?:;[A-Za-z0-9\-_.!~*'()%]+(?:=[A-Za-z0-9\-_.!~*'()%[\]/:&+$]+)?)*$/;

/** The host of a well-formed SIP URI (lower case), or null when it is not one. */
export function sipUriHost(uri: string): string | null {
  const match = SIP_URI.exec(uri);
  if (!match?.groups) return null;
  const port = match.groups.port === undefined ? 0 : Number(match.groups.port);
  if (port > 65_535) return null;
  return match.groups.host!.toLowerCase().replace(/\.$/, '');
}

/** Whether a terminating number is written in E.164 as the plan stores it ('+18005550100'). */
export const isE164Number = (number: string): boolean => number.startsWith('+') && toE164(number) === number;

/**
 * What belongs to the customer whose plan is validated: their call centers and announcements by
 * id, and, where the carrier restricts them, the terminating numbers and SIP domains they may
 * route to (absent: any well-formed one).
 */
export interface OwnedDestinations {
  callCenterIds: Iterable<string>;
  announcementIds: Iterable<string>;
  terminatingNumbers?: Iterable<string>;
  sipDomains?: Iterable<string>;
}
