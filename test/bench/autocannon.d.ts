// autocannon ships no types; this is the part the benchmarks use.
declare module 'autocannon' {
  interface Histogram { average: number; p50: number; p90: number; p99: number; max: number }
  interface Result { requests: Histogram & { total: number }; latency: Histogram; errors: number; non2xx: number; timeouts: number }
  interface Options { url: string; connections?: number; duration?: number; headers?: Record<string, string>; pipelining?: number }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
