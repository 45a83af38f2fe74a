import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rupiah, sum } from '../money.ts';
import { daysInMonth } from '../dates.ts';
import { addMonthsClamped, DEFAULT_APPROVAL_LIMITS, DEFAULT_PLAN_CONSTRAINTS, generateSchedule, mayApprove, planStanding, requiredApprover, validateApprovalLimits, validateProposal, type PlanProposal } from './index.ts';

describe('plan schedule', () => {
  it('pays the first payment, then splits the rest evenly with the odd rupiah first', () => {
    const s = generateSchedule({ total: rupiah(1_000_001), firstPayment: rupiah(100_000), instalments: 4, firstDueDate: '2026-12-15' });
    expect(s.map((i) => [i.seq, i.dueDate, i.amount])).toEqual([
      [1, '2026-12-15', 100_000n],
      [2, '2027-01-15', 300_001n],
      [3, '2027-02-15', 300_000n],
      [4, '2027-03-15', 300_000n],
    ]);
  });

  it('keeps the day of month from the first due date, clamped at month end', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonthsClamped('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-12-05', 13)).toBe('2028-01-05');
  });

  it('property: instalments always sum exactly to the total, are positive, differ by at most one rupiah after the first, and are monthly', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 13n }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }),
        (totalRaw, n, firstBps, date) => {
          const total = rupiah(totalRaw + BigInt(n)); // at least one rupiah per instalment
          const first = n === 1 ? total : rupiah(1n + ((total - BigInt(n)) * BigInt(firstBps)) / 10_000n);
          const firstDueDate = date.toISOString().slice(0, 10);
          const s = generateSchedule({ total, firstPayment: first, instalments: n, firstDueDate });
          expect(s).toHaveLength(n);
          expect(sum(s.map((i) => i.amount))).toBe(total);
          expect(s.every((i) => i.amount > 0n)).toBe(true);
          const rest = s.slice(1).map((i) => i.amount);
          if (rest.length > 0) expect(rest.reduce((a, b) => (a > b ? a : b)) - rest.reduce((a, b) => (a < b ? a : b))).toBeLessThanOrEqual(1n);
          for (let k = 1; k < s.length; k++) {
            const prev = s[k - 1]!.dueDate;
            const cur = s[k]!.dueDate;
            expect(cur > prev).toBe(true);
            const [py, pm] = [Number(prev.slice(0, 4)), Number(prev.slice(5, 7))];
            expect(Number(cur.slice(0, 4)) * 12 + Number(cur.slice(5, 7)) - (py * 12 + pm)).toBe(1);
            expect(Number(cur.slice(8, 10))).toBe(Math.min(Number(firstDueDate.slice(8, 10)), daysInMonth(Number(cur.slice(0, 4)), Number(cur.slice(5, 7)))));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses impossible requests instead of inventing money', () => {
    expect(() => generateSchedule({ total: rupiah(100), firstPayment: rupiah(101), instalments: 2, firstDueDate: '2026-12-01' })).toThrow(RangeError);
    expect(() => generateSchedule({ total: rupiah(100), firstPayment: rupiah(100), instalments: 2, firstDueDate: '2026-12-01' })).toThrow(RangeError);
    expect(() => generateSchedule({ total: rupiah(100), firstPayment: rupiah(50), instalments: 1, firstDueDate: '2026-12-01' })).toThrow(RangeError);
  });
});

describe('plan constraints', () => {
  const base: PlanProposal = { kind: 'restructure', outstanding: rupiah(12_000_000), discount: rupiah(0), instalments: 12, firstPayment: rupiah(1_200_000), firstDueDate: '2026-12-01' };
  const asOf = '2026-11-23';

  it('accepts a proposal within every rule', () => {
    expect(validateProposal(base, DEFAULT_PLAN_CONSTRAINTS, asOf)).toEqual([]);
  });

  it('names each broken rule by field', () => {
    const fields = (p: Partial<PlanProposal>) => validateProposal({ ...base, ...p }, DEFAULT_PLAN_CONSTRAINTS, asOf).map((v) => v.field);
    expect(fields({ instalments: 37 })).toContain('instalments');
    expect(fields({ firstPayment: rupiah(1_000_000) })).toEqual(['first_payment']); // below 10%
    expect(fields({ outstanding: rupiah(2_000_000), firstPayment: rupiah(200_000), instalments: 24 })).toEqual(['instalments']); // 75.000/month < 100.000
    expect(fields({ firstDueDate: '2026-11-22' })).toEqual(['first_due_date']);
    expect(fields({ firstDueDate: '2027-01-15' })).toEqual(['first_due_date']);
    expect(fields({ discount: rupiah(12_000_000) })).toContain('discount');
    expect(fields({ kind: 'settlement', instalments: 2 })).toContain('instalments');
    expect(validateProposal({ ...base, firstDueDate: '2026-02-30' }, DEFAULT_PLAN_CONSTRAINTS, asOf)[0]?.message).toMatch(/not a YYYY-MM-DD/);
  });

  it('accepts a discounted single-payment settlement of the whole discounted total', () => {
    const s = { kind: 'settlement' as const, outstanding: rupiah(10_000_000), discount: rupiah(2_500_000), instalments: 1, firstPayment: rupiah(7_500_000), firstDueDate: '2026-11-30' };
    expect(validateProposal(s, DEFAULT_PLAN_CONSTRAINTS, asOf)).toEqual([]);
    expect(validateProposal({ ...s, firstPayment: rupiah(7_000_000) }, DEFAULT_PLAN_CONSTRAINTS, asOf).map((v) => v.field)).toEqual(['first_payment']);
  });
});

describe('approval limits', () => {
  const o = rupiah(1_000_000);
  it('routes by exact discount share: agent ≤ 10%, supervisor ≤ 30%, admin above', () => {
    expect(requiredApprover(rupiah(0), o, DEFAULT_APPROVAL_LIMITS)).toBe('agent');
    expect(requiredApprover(rupiah(100_000), o, DEFAULT_APPROVAL_LIMITS)).toBe('agent');
    expect(requiredApprover(rupiah(100_001), o, DEFAULT_APPROVAL_LIMITS)).toBe('supervisor');
    expect(requiredApprover(rupiah(300_000), o, DEFAULT_APPROVAL_LIMITS)).toBe('supervisor');
    expect(requiredApprover(rupiah(300_001), o, DEFAULT_APPROVAL_LIMITS)).toBe('admin');
    expect(mayApprove('agent', rupiah(100_001), o, DEFAULT_APPROVAL_LIMITS)).toBe(false);
    expect(mayApprove('supervisor', rupiah(100_001), o, DEFAULT_APPROVAL_LIMITS)).toBe(true);
    expect(mayApprove('compliance', rupiah(0), o, DEFAULT_APPROVAL_LIMITS)).toBe(false);
  });

  it('property: the required approver may approve, and every less senior role may not', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10_000n }), (out, share) => {
        const outstanding = rupiah(out);
        const discount = rupiah((out * share) / 10_000n);
        const role = requiredApprover(discount, outstanding, DEFAULT_APPROVAL_LIMITS);
        expect(mayApprove(role, discount, outstanding, DEFAULT_APPROVAL_LIMITS)).toBe(true);
        const idx = DEFAULT_APPROVAL_LIMITS.findIndex((l) => l.role === role);
        for (const l of DEFAULT_APPROVAL_LIMITS.slice(0, idx)) expect(mayApprove(l.role, discount, outstanding, DEFAULT_APPROVAL_LIMITS)).toBe(false);
      }),
    );
  });

  it('validates a limits table as data', () => {
    expect(validateApprovalLimits(DEFAULT_APPROVAL_LIMITS)).toEqual([]);
    expect(validateApprovalLimits([{ role: 'supervisor', maxDiscountBps: 3000 }, { role: 'agent', maxDiscountBps: 1000 }]).length).toBeGreaterThan(0);
    expect(validateApprovalLimits([{ role: 'agent', maxDiscountBps: 1000 }])).toEqual(['the last role must be able to approve any discount (10000 bps)']);
  });
});

describe('plan breach detection', () => {
  const plan = [
    { seq: 1, dueDate: '2026-11-01', due: rupiah(500_000), paid: rupiah(500_000) },
    { seq: 2, dueDate: '2026-12-01', due: rupiah(500_000), paid: rupiah(200_000) },
    { seq: 3, dueDate: '2027-01-01', due: rupiah(500_000), paid: rupiah(0) },
  ];
  it('is current until the due date, in grace through the grace days, breached after', () => {
    expect(planStanding(plan, '2026-12-01', 7)).toEqual({ status: 'current', nextDueDate: '2026-12-01', nextDue: 300_000n });
    expect(planStanding(plan, '2026-12-08', 7)).toEqual({ status: 'in_grace', seq: 2, dueDate: '2026-12-01', shortfall: 300_000n, graceEnds: '2026-12-08' });
    expect(planStanding(plan, '2026-12-09', 7)).toEqual({ status: 'breached', seq: 2, dueDate: '2026-12-01', shortfall: 300_000n, daysLate: 8 });
  });
  it('is completed when every instalment is paid', () => {
    expect(planStanding(plan.map((i) => ({ ...i, paid: i.due })), '2030-01-01', 0)).toEqual({ status: 'completed' });
  });
  it('property: breached iff some instalment due more than grace days ago is unpaid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ offset: fc.integer({ min: -60, max: 60 }), due: fc.bigInt({ min: 1n, max: 1000n }), paidShare: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 15 }),
        (rows, grace) => {
          const asOf = '2026-06-15';
          const inst = rows.map((r, i) => {
            const d = new Date(Date.UTC(2026, 5, 15 + r.offset)).toISOString().slice(0, 10);
            return { seq: i + 1, dueDate: d, due: rupiah(r.due), paid: rupiah((r.due * BigInt(r.paidShare)) / 100n) };
          });
          const s = planStanding(inst, asOf, grace);
          const oldestOpen = [...inst].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.seq - b.seq)).find((i) => i.paid < i.due);
          const late = oldestOpen ? Math.round((Date.parse(asOf) - Date.parse(oldestOpen.dueDate)) / 86_400_000) : 0;
          expect(s.status === 'breached').toBe(oldestOpen !== undefined && late > grace);
        },
      ),
    );
  });
});
