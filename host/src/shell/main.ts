/**
 * The shell's entry module, bundled by esbuild (host/src/web/build.ts) as the page's only script.
 * The UI kit comes along because the shell's own pages use it; plugin modules share that chunk.
 */
import '@switchboard/sdk/web';
import './shell.js';
