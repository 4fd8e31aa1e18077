/**
 * The endpoint in an Asterisk channel name, which is what names a trunk or a destination:
 * `PJSIP/carrier-east-0000002a` -> `carrier-east`, `SIP/callcenter-chi-0000000b` ->
 * `callcenter-chi`, `IAX2/partner-1234` -> `partner`, `Local/100@queues-00000003;1` ->
 * `100@queues`. The technology and the per-call suffix Asterisk appends are dropped.
 */
export function channelEndpoint(channel: string): string | null {
  const slash = channel.indexOf('/');
  const resource = slash < 0 ? channel : channel.slice(slash + 1);
  // SIP, PJSIP and Local channels end in -%08x; IAX2 and DAHDI in -<number>.
  const endpoint = resource.replace(/;\d+$/, '').replace(/-(?:[0-9a-f]{8}|\d+)$/i, '');
  return endpoint === '' ? null : endpoint;
}
