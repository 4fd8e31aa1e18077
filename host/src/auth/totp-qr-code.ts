import QRCode from 'qrcode';

/**
 * The enrolment URI as a QR code in SVG. Returned as a string for the page to embed as
 * `data:image/svg+xml` (the login page's CSP allows `img-src 'self' data:`), so the secret never
 * becomes a URL the browser fetches or a file a cache could keep.
 */
export function totpQrCodeSvg(uri: string): Promise<string> {
  // Medium error correction survives a glare or a scratched screen; a margin of 4 modules is
  // the quiet zone the QR specification asks for, which cheap phone cameras need.
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

/** The SVG as a data: URL for an <img src>. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
