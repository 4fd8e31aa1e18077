import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { BUILD_MANIFEST, type BuildManifest } from './build-manifest.js';
import { DOCUMENT_CSS } from './document-css.js';

export interface WebBuildOptions {
  /** Where the assets go; emptied first. Served as /assets/. */
  outDir: string;
  /** Each plugin's compiled web entry (an ES module whose default export is a WebModule). */
  plugins: { id: string; webEntry: string }[];
}

export interface WebBuildResult {
  /** Plugin id -> URL path of its module (`/assets/plugin-notes-XXXX.js`). */
  modules: Record<string, string>;
  /** Every file written, relative to outDir. */
  files: string[];
  /** URL paths of the shell's entry module and its stylesheet. */
  shell: { script: string; stylesheet: string };
  /** The JavaScript the first screen needs (the shell entry and its static imports), gzipped. */
  firstScreenGzipBytes: number;
  /** Those files, relative to outDir. */
  firstScreenFiles: string[];
}

/** What the first screen may cost, gzipped (issue 2). */
export const FIRST_SCREEN_BUDGET_BYTES = 150 * 1024;

/** The shell's compiled entry, next to this module in host/dist. */
const SHELL_ENTRY = fileURLToPath(new URL('../shell/main.js', import.meta.url));

/**
 * Bundles the shell and every plugin's web module in one esbuild run. With code splitting, what
 * they share (lit, the SDK's UI kit) lands in common chunks the browser fetches once, and each
 * plugin module is a separate entry loaded only when its page opens. File names carry a content
 * hash, so they can be cached forever. Files are also written gzip- and brotli-compressed, for
 * serving without compressing on every request.
 */
export async function buildWebAssets(options: WebBuildOptions): Promise<WebBuildResult> {
  const outDir = path.resolve(options.outDir);
  await emptyDir(outDir);

  // Real paths, so each entry is recognised in esbuild's metafile whatever symlinks led to it.
  const shellEntry = await realEntry(SHELL_ENTRY, 'the shell (run the TypeScript build first)');
  const pluginEntries = new Map<string, string>();
  for (const plugin of options.plugins) pluginEntries.set(plugin.id, await realEntry(plugin.webEntry, `plugin ${plugin.id}'s web entry`));
  const entryPoints: Record<string, string> = { shell: shellEntry };
  for (const [id, entry] of pluginEntries) entryPoints[`plugin-${id}`] = entry;

  const result = await esbuild
    .build({
      entryPoints,
      outdir: outDir,
      absWorkingDir: outDir,
      bundle: true,
      format: 'esm',
      splitting: true,
      minify: true,
      platform: 'browser',
      target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
      entryNames: '[name]-[hash]',
      chunkNames: 'chunk-[hash]',
      sourcemap: false, // no debug information served to the public (ASVS 13.4)
      legalComments: 'linked',
      metafile: true,
      logLevel: 'silent',
    })
    .catch((error: esbuild.BuildFailure) => {
      throw new Error(`The web build failed:\n${formatMessages(error.errors ?? [])}`);
    });

  const outputs = result.metafile.outputs;
  const byEntry = new Map<string, string>();
  for (const [file, output] of Object.entries(outputs)) if (output.entryPoint) byEntry.set(path.resolve(outDir, output.entryPoint), file);

  const shellFile = byEntry.get(shellEntry);
  if (!shellFile) throw new Error(`The web build produced no shell module (entry ${shellEntry}).`);
  const modules: Record<string, string> = {};
  for (const [id, entry] of pluginEntries) {
    const file = byEntry.get(entry);
    if (!file) throw new Error(`The web build produced no module for plugin ${id} (entry ${entry}).`);
    modules[id] = url(file);
  }

  const stylesheet = await writeHashed(outDir, 'shell', 'css', (await esbuild.transform(DOCUMENT_CSS, { loader: 'css', minify: true })).code);
  const firstScreenFiles = staticClosure(shellFile, outputs);
  let firstScreenGzipBytes = 0;
  for (const file of firstScreenFiles) firstScreenGzipBytes += gzipSync(await readFile(path.join(outDir, file))).length;

  const manifest: BuildManifest = {
    shell: { script: url(shellFile), stylesheet: url(stylesheet) },
    preload: firstScreenFiles.filter((f) => f !== shellFile).map(url),
    modules,
    firstScreenGzipBytes,
  };
  await writeFile(path.join(outDir, BUILD_MANIFEST), JSON.stringify(manifest, null, 2));
  const compressed = await precompress(outDir, [...Object.keys(outputs), stylesheet]);

  return {
    modules,
    files: [...Object.keys(outputs), stylesheet, BUILD_MANIFEST, ...compressed].sort(),
    shell: manifest.shell,
    firstScreenGzipBytes,
    firstScreenFiles,
  };
}

async function realEntry(file: string, what: string): Promise<string> {
  try {
    return await realpath(path.resolve(file));
  } catch {
    throw new Error(`The web build cannot find ${what} at ${file}.`);
  }
}

const url = (file: string) => `/assets/${file.split(path.sep).join('/')}`;

/** The entry and everything it imports statically, transitively: what loads before anything shows. */
function staticClosure(entry: string, outputs: esbuild.Metafile['outputs']): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length) {
    for (const imported of outputs[queue.shift()!]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || imported.external || seen.has(imported.path)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return [...seen];
}

async function writeHashed(dir: string, name: string, ext: string, content: string): Promise<string> {
  const hash = createHash('sha256').update(content).digest('base64url').replace(/[-_]/g, '').slice(0, 8).toUpperCase();
  const file = `${name}-${hash}.${ext}`;
  await writeFile(path.join(dir, file), content);
  return file;
}

async function precompress(dir: string, files: string[]): Promise<string[]> {
  const written: string[] = [];
  for (const file of files.filter((f) => /\.(js|css)$/.test(f))) {
    const content = await readFile(path.join(dir, file));
    await writeFile(path.join(dir, `${file}.gz`), gzipSync(content, { level: 9 }));
    await writeFile(path.join(dir, `${file}.br`), brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
    written.push(`${file}.gz`, `${file}.br`);
  }
  return written;
}

/** Empties the output folder, refusing one that is plainly not an assets folder. */
async function emptyDir(dir: string): Promise<void> {
  if (dir === path.parse(dir).root || dir === process.cwd() || dir === path.resolve(process.env.HOME ?? '/')) {
    throw new Error(`Refusing to empty ${dir} for the web build: give the build its own folder.`);
  }
  await mkdir(dir, { recursive: true });
  for (const entry of await readdir(dir)) await rm(path.join(dir, entry), { recursive: true, force: true });
}

function formatMessages(messages: esbuild.Message[]): string {
  return messages
    .map((m) => `  - ${m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : ''}${m.text}`)
    .join('\n');
}
