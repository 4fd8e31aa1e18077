/** `npm run bench -- <name>...`: runs the named benchmarks (all when none is named) and prints their figures. */
import { dispatchBenchmark } from './dispatch.js';

const benchmarks: Record<string, () => Promise<void>> = {
  dispatch: () => dispatchBenchmark(),
  login: async () => (await import('./login.js')).loginBenchmark(),
  traffic: async () => (await import('./traffic.js')).trafficBenchmark(),
  routing: async () => (await import('./routing.js')).routingBenchmark(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benchmarks));
if (unknown.length) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(benchmarks)) {
  console.log(`== ${name}`);
  await benchmarks[name]!();
}
