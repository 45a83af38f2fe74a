import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ORDER_STATES, transition, type OrderState } from './order-state.ts';

describe('gateway order state machine', () => {
  it('books on the first paid and never again', () => {
    expect(transition(null, 'paid').effect).toBe('book');
    expect(transition('pending', 'paid')).toMatchObject({ next: 'paid', effect: 'book', changed: true });
    expect(transition('paid', 'paid')).toMatchObject({ next: 'paid', effect: 'none', changed: false });
  });

  it('never regresses from paid', () => {
    for (const late of ['pending', 'failed', 'expired', 'cancelled'] as const) {
      expect(transition('paid', late)).toMatchObject({ next: 'paid', effect: 'none', changed: false });
    }
  });

  it('books a settlement that arrives after a (wrong or early) expiry', () => {
    expect(transition('expired', 'paid')).toMatchObject({ next: 'paid', effect: 'book' });
  });

  it('reverses on refund after paid, and refund is terminal', () => {
    expect(transition('paid', 'refunded')).toMatchObject({ next: 'refunded', effect: 'reverse' });
    expect(transition('refunded', 'paid')).toMatchObject({ next: 'refunded', effect: 'none' });
    expect(transition(null, 'refunded').effect).toBe('none');
    expect(transition('pending', 'refunded').effect).toBe('none');
  });

  it('for any sequence of notifications, books at most once and books iff paid is reached before a refund', () => {
    const state = fc.constantFrom(...ORDER_STATES);
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 30 }), (reports) => {
        let current: OrderState | null = null;
        let books = 0;
        let reverses = 0;
        for (const r of reports) {
          const t = transition(current, r);
          if (t.effect === 'book') books++;
          if (t.effect === 'reverse') reverses++;
          current = t.next;
        }
        const firstRefund = reports.indexOf('refunded');
        const paidBeforeRefund = reports.slice(0, firstRefund === -1 ? reports.length : firstRefund).includes('paid');
        expect(books).toBe(paidBeforeRefund ? 1 : 0);
        expect(reverses).toBeLessThanOrEqual(books);
        if (reports.includes('paid') && !reports.includes('refunded')) expect(current).toBe('paid');
      }),
      { numRuns: 2000 },
    );
  });
});
