import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'koa';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export const contentType = (file: string) => TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** esbuild's `[name]-[hash]` (8 characters of base32) and the build's own hashed CSS. */
const HASHED = /-[A-Z0-9]{8}\.[a-z]+(\.[a-z]+)*$/;
/** Flat file names only: no folders, no dot-dot, nothing hidden. */
const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
/** Build by-products that are not for the browser to ask for by name. */
const PRIVATE = /\.(gz|br)$|^build-manifest\.json$/;

interface Asset {
  body: Buffer;
  gzip?: Buffer;
  brotli?: Buffer;
}

/**
 * Serves the build's files from `dir`. Hashed names never change content, so they are cached in
 * memory here and by browsers for a year; compressed variants written by the build are sent to
 * clients that accept them.
 */
export function assetServer(dir: string) {
  const cache = new Map<string, Asset>();

  async function load(name: string): Promise<Asset | null> {
    const hit = cache.get(name);
    if (hit) return hit;
    const file = path.join(dir, name);
    const body = await readFile(file).catch(() => null);
    if (!body) return null;
    const [gzip, brotli] = await Promise.all([readFile(`${file}.gz`).catch(() => undefined), readFile(`${file}.br`).catch(() => undefined)]);
    const asset = { body, gzip, brotli };
    if (HASHED.test(name)) cache.set(name, asset);
    return asset;
  }

  return async function serve(ctx: Context, name: string): Promise<boolean> {
    if (!SAFE_NAME.test(name) || PRIVATE.test(name)) return false;
    const asset = await load(name);
    if (!asset) return false;
    ctx.type = contentType(name);
    ctx.set('Cache-Control', HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache');
    ctx.vary('Accept-Encoding');
    const encoding = ctx.acceptsEncodings('br', 'gzip', 'identity');
    if (encoding === 'br' && asset.brotli) {
      ctx.set('Content-Encoding', 'br');
      ctx.body = asset.brotli;
    } else if (encoding === 'gzip' && asset.gzip) {
      ctx.set('Content-Encoding', 'gzip');
      ctx.body = asset.gzip;
    } else {
      ctx.body = asset.body;
    }
    return true;
  };
}
