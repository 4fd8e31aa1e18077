/**
 * `npm run bench -- routing`: the toll-free routing engine (issue 5). Decisions per second in
 * process (plugins/toll-free/test/bench/decisions.ts), then routing queries over HTTPS through the
 * whole host (routing-http.ts).
 *
 * The in-process benchmark lives in the plugin, which builds after this project (its tests use
 * test/support), so it is loaded from its compiled file at run time rather than imported.
 */
import { routingHttpBenchmark } from './routing-http.js';

const decisions = new URL('../../../plugins/toll-free/dist/test/bench/decisions.js', import.meta.url);

export async function routingBenchmark(): Promise<void> {
  const { decisionsBenchmark } = (await import(decisions.href)) as { decisionsBenchmark(): Promise<void> };
  await decisionsBenchmark();
  await routingHttpBenchmark();
}
