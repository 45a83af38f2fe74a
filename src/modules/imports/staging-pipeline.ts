/**
 * Keeps one staging insert in flight while the next batch is parsed, validated and encrypted.
 * Awaiting each insert before reading on left the client idle while the server worked and the
 * server idle while the client worked; on a 1M-row file that serial wait was a third of the import.
 * At most two batches are alive at once (one in flight, one filling), so memory stays bounded.
 */
export interface StagingPipeline<T> {
  /** Waits for the previous batch to land, then sends this one without waiting for it. */
  push(rows: T[]): Promise<void>;
  /** Waits for the last batch; rethrows its error. */
  drain(): Promise<void>;
  /** Waits for the last batch and ignores its error: for unwinding after another failure. */
  settle(): Promise<void>;
}

export function stagingPipeline<T>(stage: (rows: T[]) => Promise<void>): StagingPipeline<T> {
  let inFlight: Promise<void> = Promise.resolve();
  return {
    async push(rows) {
      await inFlight;
      if (rows.length === 0) return;
      inFlight = stage(rows);
      // Marks the rejection handled until push/drain awaits it; otherwise Node would abort the process.
      inFlight.catch(() => {});
    },
    drain: () => inFlight,
    settle: () => inFlight.catch(() => {}),
  };
}
