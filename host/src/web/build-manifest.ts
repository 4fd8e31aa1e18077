import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Written next to the assets by buildWebAssets; read by shellMiddleware to write index.html. */
export interface BuildManifest {
  /** URL paths under /assets/. */
  shell: { script: string; stylesheet: string };
  /** The shell's static imports, for <link rel="modulepreload"> so they download in parallel. */
  preload: string[];
  /** Plugin id -> URL of its web module. */
  modules: Record<string, string>;
  firstScreenGzipBytes: number;
}

export const BUILD_MANIFEST = 'build-manifest.json';

/** The manifest of the assets in `dir`, re-read only when the file changes (a rebuild). */
export function buildManifestReader(dir: string): () => Promise<BuildManifest | null> {
  const file = path.join(dir, BUILD_MANIFEST);
  let cached: { mtimeMs: number; manifest: BuildManifest } | null = null;
  return async () => {
    const info = await stat(file).catch(() => null);
    if (!info) return null;
    if (cached?.mtimeMs !== info.mtimeMs) cached = { mtimeMs: info.mtimeMs, manifest: JSON.parse(await readFile(file, 'utf8')) as BuildManifest };
    return cached.manifest;
  };
}
