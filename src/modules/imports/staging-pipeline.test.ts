import { describe, expect, it } from 'vitest';
import { stagingPipeline } from './staging-pipeline.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('stagingPipeline', () => {
  it('stages batches in order with at most one in flight', async () => {
    const staged: number[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const p = stagingPipeline<number>(async (rows) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await tick();
      staged.push(rows);
      inFlight--;
    });
    await p.push([1, 2]);
    expect(staged).toEqual([]); // the first batch is still in flight: push did not wait for it
    await p.push([3]);
    await p.push([]);
    await p.drain();
    expect(staged).toEqual([[1, 2], [3]]);
    expect(maxInFlight).toBe(1);
  });

  it('surfaces a failed insert on the next push or on drain, and settle swallows it', async () => {
    const p = stagingPipeline<number>(async () => {
      await tick();
      throw new Error('boom');
    });
    await p.push([1]);
    await expect(p.push([2])).rejects.toThrow('boom');
    const q = stagingPipeline<number>(() => Promise.reject(new Error('late')));
    await q.push([1]);
    await expect(q.drain()).rejects.toThrow('late');
    await expect(q.settle()).resolves.toBeUndefined();
  });
});
