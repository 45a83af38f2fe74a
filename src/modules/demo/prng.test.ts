import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, seedFor } from './prng.ts';

describe('createRng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => Array.from({ length: 20 }, ((r) => () => r.next())(createRng(seed)));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps every draw in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (seed, min, span) => {
        const rng = createRng(seed);
        for (let i = 0; i < 50; i++) {
          const x = rng.next();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
          const n = rng.int(min, min + span);
          expect(Number.isInteger(n) && n >= min && n <= min + span).toBe(true);
        }
      }),
    );
  });

  it('follows weights roughly and never picks a zero weight', () => {
    const rng = createRng(7);
    const seen = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) seen[rng.weighted([['a', 3], ['b', 1], ['c', 0]] as const)]++;
    expect(seen.c).toBe(0);
    expect(seen.a / seen.b).toBeGreaterThan(2.7);
    expect(seen.a / seen.b).toBeLessThan(3.3);
  });

  it('rejects impossible requests instead of returning garbage', () => {
    const rng = createRng(1);
    expect(() => rng.int(5, 4)).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(() => rng.weighted([['x', 0]])).toThrow(RangeError);
  });

  it('gives independent streams per (seed, stream)', () => {
    expect(seedFor(1, 0)).not.toBe(seedFor(1, 1));
    expect(seedFor(1, 5)).not.toBe(seedFor(2, 5));
    expect(seedFor(1, 5)).toBe(seedFor(1, 5));
  });
});
