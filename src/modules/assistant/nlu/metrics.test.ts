import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classificationReport, quantile } from './metrics.ts';

describe('classificationReport', () => {
  it('computes accuracy, per-label P/R/F1, macro-F1 and the confusion matrix', () => {
    const r = classificationReport(['a', 'b', 'c'] as const, [
      { gold: 'a', predicted: 'a' }, { gold: 'a', predicted: 'b' }, { gold: 'b', predicted: 'b' }, { gold: 'c', predicted: 'b' },
    ]);
    expect(r.accuracy).toBe(0.5);
    expect(r.confusion.a).toEqual({ a: 1, b: 1, c: 0 });
    expect(r.perLabel.a).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(r.perLabel.b).toEqual({ precision: 1 / 3, recall: 1, f1: 0.5, support: 1 });
    expect(r.perLabel.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0.5 + 0) / 3);
  });

  it('confusion counts add up and accuracy is the diagonal share', () => {
    const label = fc.constantFrom('x', 'y', 'z');
    fc.assert(
      fc.property(fc.array(fc.record({ gold: label, predicted: label }), { minLength: 1 }), (pairs) => {
        const r = classificationReport(['x', 'y', 'z'], pairs);
        const cells = Object.values(r.confusion).flatMap((row) => Object.values(row));
        expect(cells.reduce((s, n) => s + n, 0)).toBe(pairs.length);
        expect(r.accuracy).toBeCloseTo((r.confusion.x.x + r.confusion.y.y + r.confusion.z.z) / pairs.length);
      }),
    );
  });
});

describe('quantile', () => {
  it('uses nearest rank', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([5, 1, 4, 2, 3], 0.99)).toBe(5);
    expect(quantile([], 0.5)).toBe(0);
  });
});
