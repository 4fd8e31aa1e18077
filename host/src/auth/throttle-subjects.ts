import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { normalizeLogin } from './normalize.js';

export type ThrottleScope = 'account' | 'address';

/**
 * What failures are counted against, as stored: a SHA-256 digest, so the table never holds typed
 * logins (now and then a password typed into the wrong field) nor addresses, and every subject
 * fits one column whatever was typed.
 */
export function throttleSubject(scope: ThrottleScope, value: string): string {
  const key = scope === 'account' ? normalizeLogin(value) : sourceAddressKey(value);
  return createHash('sha256').update(`${scope}:${key}`, 'utf8').digest('hex');
}

/**
 * The part of a source address that identifies one source: an IPv4 address as is (also when
 * written IPv4-mapped, "::ffff:192.0.2.1"), and for IPv6 its /64 prefix, because one customer
 * line is routinely given a whole /64 and could otherwise rotate through 2^64 addresses.
 * Anything unparsable shares one "unknown" counter rather than escaping counting.
 */
export function sourceAddressKey(ip: string): string {
  let address = ip.trim();
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

/** The eight 16-bit groups of a valid IPv6 address, in canonical lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part ("64:ff9b::192.0.2.1") stands for the last two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16).toString(16));
}
