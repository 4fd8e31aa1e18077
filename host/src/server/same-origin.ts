/**
 * Whether a state-changing request comes from the portal's own pages. The Origin header says so;
 * where a browser sends `Origin: null` (a form posted under a strict referrer policy) or none,
 * Fetch Metadata's `Sec-Fetch-Site: same-origin` says it instead. Anything else is refused.
 */
export function fromOwnPages(headers: Readonly<Record<string, string | string[] | undefined>>, ownOrigin: string): boolean {
  const origin = headers.origin;
  if (origin === ownOrigin) return true;
  return (origin === undefined || origin === 'null') && headers['sec-fetch-site'] === 'same-origin';
}
