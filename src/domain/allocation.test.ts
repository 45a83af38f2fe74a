import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALLOCATION_COMPONENTS,
  allocatePayment,
  DEFAULT_ALLOCATION_POLICY,
  validateAllocationPolicy,
  type AllocationComponent,
  type AllocationPolicy,
  type DueItem,
} from './allocation.ts';
import { addDays } from './dates.ts';
import { rupiah, sum } from './money.ts';

const item = (seq: number, dueDate: string, component: AllocationComponent, outstanding: number): DueItem => ({
  seq,
  dueDate,
  component,
  outstanding: rupiah(outstanding),
});

const items: DueItem[] = [
  item(2, '2025-02-10', 'principal', 1000),
  item(2, '2025-02-10', 'interest', 100),
  item(1, '2025-01-10', 'principal', 1000),
  item(1, '2025-01-10', 'interest', 100),
  item(1, '2025-01-10', 'penalty', 50),
  item(1, '2025-01-10', 'fee', 10),
];

describe('allocatePayment', () => {
  it('clears the oldest instalment fee → penalty → interest → principal before the next', () => {
    expect(allocatePayment(rupiah(1200), items)).toEqual({
      allocations: [
        { seq: 1, component: 'fee', amount: 10n },
        { seq: 1, component: 'penalty', amount: 50n },
        { seq: 1, component: 'interest', amount: 100n },
        { seq: 1, component: 'principal', amount: 1000n },
        { seq: 2, component: 'interest', amount: 40n },
      ],
      unapplied: 0n,
    });
  });

  it('component-first takes each component across instalments', () => {
    const policy: AllocationPolicy = { order: ['interest', 'penalty', 'fee', 'principal'], mode: 'component-first' };
    expect(allocatePayment(rupiah(300), items, policy).allocations).toEqual([
      { seq: 1, component: 'interest', amount: 100n },
      { seq: 2, component: 'interest', amount: 100n },
      { seq: 1, component: 'penalty', amount: 50n },
      { seq: 1, component: 'fee', amount: 10n },
      { seq: 1, component: 'principal', amount: 40n },
    ]);
  });

  it('puts an over-payment in unapplied and skips settled items', () => {
    const r = allocatePayment(rupiah(500), [item(1, '2025-01-10', 'fee', 0), item(1, '2025-01-10', 'principal', 200)]);
    expect(r).toEqual({ allocations: [{ seq: 1, component: 'principal', amount: 200n }], unapplied: 300n });
    expect(allocatePayment(rupiah(7), [])).toEqual({ allocations: [], unapplied: 7n });
  });

  it('throws on non-positive amounts, negative outstanding and bad policies', () => {
    expect(() => allocatePayment(rupiah(0), items)).toThrow(/must be positive/);
    expect(() => allocatePayment(rupiah(-5), items)).toThrow(RangeError);
    expect(() => allocatePayment(rupiah(5), [item(1, '2025-01-10', 'fee', -1)])).toThrow(/negative outstanding/);
    expect(() => allocatePayment(rupiah(5), items, { order: ['fee', 'fee', 'interest', 'principal'], mode: 'installment-first' })).toThrow(
      /more than once/,
    );
  });
});

describe('validateAllocationPolicy', () => {
  it('accepts the default', () => {
    expect(validateAllocationPolicy(DEFAULT_ALLOCATION_POLICY).ok).toBe(true);
  });

  it.each([
    [{ order: ['fee', 'penalty', 'interest'], mode: 'installment-first' }, /missing principal/],
    [{ order: ['fee', 'penalty', 'interest', 'principal', 'fee'], mode: 'installment-first' }, /"fee" appears more than once/],
    [{ order: ['fee', 'penalty', 'interest', 'tax'], mode: 'installment-first' }, /unknown allocation component "tax"/],
    [{ order: ['fee', 'penalty', 'interest', 'principal'], mode: 'newest-first' }, /unknown allocation mode/],
  ])('rejects %j', (policy, message) => {
    const r = validateAllocationPolicy(policy as AllocationPolicy);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('allocation properties', () => {
  const arbItems = fc
    .uniqueArray(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(...ALLOCATION_COMPONENTS)), {
      selector: ([seq, c]) => `${seq}:${c}`,
      maxLength: 30,
    })
    .chain((keys) =>
      fc.tuple(...keys.map(() => fc.bigInt({ min: 0n, max: 5_000_000n }))).map((amounts) =>
        keys.map(([seq, component], i) => ({
          seq,
          dueDate: addDays('2025-01-10', 30 * (seq - 1)),
          component,
          outstanding: rupiah(amounts[i] ?? 0n),
        })),
      ),
    );
  const arbPolicy = fc.record({
    order: fc.shuffledSubarray([...ALLOCATION_COMPONENTS], { minLength: 4, maxLength: 4 }),
    mode: fc.constantFrom('installment-first' as const, 'component-first' as const),
  });
  const arbAmount = fc.bigInt({ min: 1n, max: 100_000_000n }).map((v) => rupiah(v));

  it('conserves money, never over-fills an item, and leaves nothing unapplied while anything is owed (property)', () => {
    fc.assert(
      fc.property(arbAmount, arbItems, arbPolicy, (amount, dueItems, policy) => {
        const { allocations, unapplied } = allocatePayment(amount, dueItems, policy);
        expect(sum([...allocations.map((a) => a.amount), unapplied])).toBe(amount);
        expect(unapplied >= 0n).toBe(true);
        const owed = new Map(dueItems.map((d) => [`${d.seq}:${d.component}`, d.outstanding]));
        for (const a of allocations) {
          expect(a.amount > 0n).toBe(true);
          expect(a.amount <= (owed.get(`${a.seq}:${a.component}`) ?? 0n)).toBe(true);
        }
        if (unapplied > 0n) {
          const paid = new Map(allocations.map((a) => [`${a.seq}:${a.component}`, a.amount]));
          for (const [key, outstanding] of owed) expect(paid.get(key) ?? 0n).toBe(outstanding);
        }
      }),
    );
  });

  it('only the last item paid can be partly paid, and items earlier in the policy order are paid in full (property)', () => {
    fc.assert(
      fc.property(arbAmount, arbItems, arbPolicy, (amount, dueItems, policy) => {
        const { allocations } = allocatePayment(amount, dueItems, policy);
        const owed = new Map(dueItems.map((d) => [`${d.seq}:${d.component}`, d.outstanding]));
        allocations.slice(0, -1).forEach((a) => expect(a.amount).toBe(owed.get(`${a.seq}:${a.component}`)));
        const rank = (c: AllocationComponent): number => policy.order.indexOf(c);
        for (let i = 1; i < allocations.length; i += 1) {
          const prev = allocations[i - 1];
          const cur = allocations[i];
          if (prev === undefined || cur === undefined) continue;
          const key = policy.mode === 'installment-first' ? [prev.seq - cur.seq, rank(prev.component) - rank(cur.component)] : [rank(prev.component) - rank(cur.component), prev.seq - cur.seq];
          const first = key[0] ?? 0;
          expect(first < 0 || (first === 0 && (key[1] ?? 0) < 0)).toBe(true);
        }
      }),
    );
  });
});
