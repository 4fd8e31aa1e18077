/**
 * `npm run bench -- routing`: the toll-free routing engine (issue 5). For now decisions per second
 * in process (plugins/toll-free/test/bench/decisions.ts); routing queries over HTTP come with the
 * plugin's routes.
 *
 * The benchmark lives in the plugin, which builds after this project (its tests use test/support),
 * so it is loaded from its compiled file at run time rather than imported.
 */
const decisions = new URL('../../../plugins/toll-free/dist/test/bench/decisions.js', import.meta.url);

export async function routingBenchmark(): Promise<void> {
  const { decisionsBenchmark } = (await import(decisions.href)) as { decisionsBenchmark(): Promise<void> };
  await decisionsBenchmark();
}
