const round = (x: number) => Math.round(x * 100) / 100;

/** Nearest-rank percentiles of latency samples (ms), rounded to 0.01. */
export function percentiles(xs: readonly number[]): { p50: number; p95: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => round(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(s.at(-1) ?? 0) };
}
