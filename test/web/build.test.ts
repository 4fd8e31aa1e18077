import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildWebAssets, FIRST_SCREEN_BUDGET_BYTES, type WebBuildResult } from '@switchboard/host/dist/web/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const notesEntry = join(root, 'test/fixtures/plugins/notes/dist/web/index.js');

/** The relative imports at the top of an ES module esbuild wrote: `import{a as b}from"./chunk-X.js"`. */
const staticImports = (code: string) => [...code.matchAll(/(?:^|;|\n)\s*import\s*(?:[^'"]*?from\s*)?["']\.\/([^"']+)["']/g)].map((m) => m[1]!);

describe('building the web assets', function () {
  this.timeout(60_000);
  let outDir: string;
  let result: WebBuildResult;

  before(async () => {
    outDir = join(await mkdtemp(join(tmpdir(), 'sb-web-')), 'assets');
    await mkdir(outDir);
    await writeFile(join(outDir, 'stale-OLDOLD00.js'), 'old build');
    result = await buildWebAssets({ outDir, plugins: [{ id: 'notes', webEntry: notesEntry }] });
  });
  after(() => rm(join(outDir, '..'), { recursive: true, force: true }));

  it('empties the folder first', () => {
    assert.ok(!result.files.includes('stale-OLDOLD00.js'));
  });

  it('emits the shell and each plugin module under hashed names', async () => {
    assert.match(result.shell.script, /^\/assets\/shell-[A-Z0-9]{8}\.js$/);
    assert.match(result.shell.stylesheet, /^\/assets\/shell-[A-Z0-9]{8}\.css$/);
    assert.match(result.modules.notes!, /^\/assets\/plugin-notes-[A-Z0-9]{8}\.js$/);
    for (const url of [result.shell.script, result.shell.stylesheet, result.modules.notes!]) {
      assert.ok(result.files.includes(url.slice('/assets/'.length)), `${url} is listed`);
      assert.ok((await readFile(join(outDir, url.slice('/assets/'.length)))).length > 0);
    }
  });

  it('puts lit and the UI kit in a chunk the shell and the plugin share', async () => {
    const shell = await readFile(join(outDir, result.shell.script.slice(8)), 'utf8');
    const plugin = await readFile(join(outDir, result.modules.notes!.slice(8)), 'utf8');
    const shared = staticImports(plugin).filter((chunk) => staticImports(shell).includes(chunk));
    assert.ok(shared.length >= 1, `the plugin imports ${staticImports(plugin).join(', ')}; the shell ${staticImports(shell).join(', ')}`);
    const chunk = await readFile(join(outDir, shared[0]!), 'utf8');
    assert.match(chunk, /sb-data-table/);
    assert.match(chunk, /sb-chart/);
    // The plugin module carries only its own code: no second copy of lit or of the kit.
    assert.doesNotMatch(plugin, /sb-data-table"|customElements\.define\("sb-/);
    assert.ok(plugin.length < 20_000, `the plugin module is ${plugin.length} bytes`);
  });

  it('loads plugin modules on demand: the shell does not import them', async () => {
    assert.ok(!result.firstScreenFiles.some((f) => f.startsWith('plugin-')));
    const shell = await readFile(join(outDir, result.shell.script.slice(8)), 'utf8');
    assert.ok(!staticImports(shell).some((f) => f.startsWith('plugin-')));
  });

  it('keeps the first screen under 150 KB of gzipped JavaScript, and measures it truly', async () => {
    assert.equal(FIRST_SCREEN_BUDGET_BYTES, 150 * 1024);
    let total = 0;
    for (const file of result.firstScreenFiles) total += gzipSync(await readFile(join(outDir, file))).length;
    assert.equal(result.firstScreenGzipBytes, total);
    assert.ok(result.firstScreenGzipBytes > 5_000, 'lit and the shell cannot be this small: the measurement is missing files');
    assert.ok(result.firstScreenGzipBytes < FIRST_SCREEN_BUDGET_BYTES, `first screen: ${result.firstScreenGzipBytes} bytes gzipped`);
    console.log(`      first screen: ${(result.firstScreenGzipBytes / 1024).toFixed(1)} KB gzipped in ${result.firstScreenFiles.length} files`);
  });

  it('writes compressed copies and a manifest for the server', async () => {
    for (const url of [result.shell.script, result.modules.notes!]) {
      const name = url.slice(8);
      assert.ok(result.files.includes(`${name}.gz`) && result.files.includes(`${name}.br`), name);
    }
    const manifest = JSON.parse(await readFile(join(outDir, 'build-manifest.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(manifest.shell, result.shell);
    assert.deepEqual(manifest.modules, result.modules);
  });

  it('fails with a message naming a plugin whose web entry is missing', async () => {
    const other = await mkdtemp(join(tmpdir(), 'sb-web-'));
    try {
      await assert.rejects(
        buildWebAssets({ outDir: other, plugins: [{ id: 'ghost', webEntry: join(other, 'nope.js') }] }),
        /plugin ghost's web entry at .*nope\.js/,
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
