import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workPriority, type PriorityInput } from './work-priority.ts';

const base: PriorityInput = { dpd: 34, outstandingIdr: 1_250_000n, score: null, ptpDue: false, callbackDue: false, insideContactWindow: true };

const arbInput: fc.Arbitrary<PriorityInput> = fc.record({
  dpd: fc.integer({ min: -5, max: 5000 }),
  outstandingIdr: fc.bigInt({ min: 0n, max: 10n ** 16n }),
  score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  ptpDue: fc.boolean(),
  callbackDue: fc.boolean(),
  insideContactWindow: fc.boolean(),
});

describe('workPriority', () => {
  it('scores a typical item with its reasons', () => {
    expect(workPriority(base)).toEqual({ value: 340 + Math.floor(Math.log10(1_250_000) * 400) + 1000, reasons: ['dpd:34'] });
    expect(workPriority({ ...base, callbackDue: true, ptpDue: true, score: 0.9, insideContactWindow: false }).reasons).toEqual(['dpd:34', 'score:0.90', 'callback_due', 'ptp_due', 'outside_window']);
  });

  it('ranks a due callback above a much older debt, and anything workable above anything outside the window', () => {
    expect(workPriority({ ...base, callbackDue: true }).value).toBeGreaterThan(workPriority({ ...base, dpd: 400 }).value);
    expect(workPriority({ ...base, dpd: 0, outstandingIdr: 1n, score: 0 }).value).toBeGreaterThan(
      workPriority({ dpd: 5000, outstandingIdr: 10n ** 16n, score: 1, ptpDue: true, callbackDue: true, insideContactWindow: false }).value,
    );
  });

  it('never lowers priority for more DPD, a larger balance or a higher score (property)', () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 0, max: 1000 }), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.double({ min: 0, max: 1, noNaN: true }), (input, moreDpd, moreBalance, scoreUp) => {
        const p = workPriority(input).value;
        expect(workPriority({ ...input, dpd: input.dpd + moreDpd }).value).toBeGreaterThanOrEqual(p);
        expect(workPriority({ ...input, outstandingIdr: input.outstandingIdr + moreBalance }).value).toBeGreaterThanOrEqual(p);
        if (input.score !== null) expect(workPriority({ ...input, score: Math.min(1, input.score + scoreUp) }).value).toBeGreaterThanOrEqual(p);
      }),
    );
  });

  it('a due callback or promise and being inside the window always raise priority (property)', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const p = workPriority(input).value;
        if (!input.callbackDue) expect(workPriority({ ...input, callbackDue: true }).value).toBeGreaterThan(p);
        if (!input.ptpDue) expect(workPriority({ ...input, ptpDue: true }).value).toBeGreaterThan(p);
        if (!input.insideContactWindow) expect(workPriority({ ...input, insideContactWindow: true }).value).toBeGreaterThan(p);
      }),
    );
  });

  it('stays a safe int4 and puts every workable item above every unworkable one (property)', () => {
    fc.assert(
      fc.property(arbInput, arbInput, (a, b) => {
        const pa = workPriority({ ...a, insideContactWindow: true }).value;
        const pb = workPriority({ ...b, insideContactWindow: false }).value;
        expect(pa).toBeGreaterThan(pb);
        for (const v of [pa, pb]) expect(Number.isSafeInteger(v) && v < 2 ** 31 && v > -(2 ** 31)).toBe(true);
      }),
    );
  });
});
