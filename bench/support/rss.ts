/**
 * Samples resident memory every `everyMs` so a phase's peak is known even when the GC has
 * shrunk the heap by the time the phase ends. `maxRSS` from the OS is reported beside it, but
 * that is a whole-process high-water mark and cannot be reset between phases.
 */
export interface RssSampler {
  /** Peak RSS in bytes since the sampler started (or since the last `reset`). */
  peak(): number;
  reset(): void;
  stop(): void;
}

export function sampleRss(everyMs = 100): RssSampler {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  timer.unref();
  return {
    peak: () => Math.max(peak, process.memoryUsage.rss()),
    reset: () => {
      peak = process.memoryUsage.rss();
    },
    stop: () => clearInterval(timer),
  };
}

export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
