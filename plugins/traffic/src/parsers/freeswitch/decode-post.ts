/**
 * The CDR document in a body as mod_json_cdr posts it (one call leg per POST, `?uuid=` on the
 * URL). Its `encode` setting decides the body: unset, raw JSON (`application/json`); `true`,
 * `cdr=` and the URL-encoded JSON (`application/x-www-form-urlencoded`); `base64`, `cdr=` and
 * the JSON in base64 (`application/x-www-form-base64-encoded`).
 */
export function decodeFreeswitchPost(body: string, contentType = ''): { document: unknown } | { problem: string } {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  let text = body.trim();
  if (text.startsWith('cdr=')) {
    const payload = text.slice(4);
    if (type === 'application/x-www-form-base64-encoded') {
      text = Buffer.from(payload, 'base64').toString('utf8');
    } else {
      // mod_json_cdr escapes with its own URL encoder, which leaves '+' as '+': decodeURIComponent, not form decoding.
      try {
        text = decodeURIComponent(payload);
      } catch {
        return { problem: 'the cdr= form field is not valid URL encoding' };
      }
    }
  }
  try {
    return { document: JSON.parse(text) };
  } catch (error) {
    return { problem: `is not a JSON CDR: ${(error as Error).message}` };
  }
}
