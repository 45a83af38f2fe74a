/**
 * The life of one payment order at a gateway, as told by its notifications. Gateways retry, duplicate and
 * reorder notifications, so the state may only move forward: once money is in (`paid`), a late `pending`,
 * `expired` or a second `paid` changes nothing, and only a `refunded` may follow. Money is booked on the
 * first transition into `paid` and nowhere else, which makes "book exactly once" a property of this table.
 */
export const ORDER_STATES = ['pending', 'paid', 'failed', 'expired', 'cancelled', 'refunded'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** What the caller must do after a notification: book the payment, reverse it, or nothing. */
export type OrderEffect = 'book' | 'reverse' | 'none';

export interface OrderTransition {
  /** The state to store (equal to the current one when the notification is stale or a duplicate). */
  readonly next: OrderState;
  readonly effect: OrderEffect;
  /** True when the notification changed the state. */
  readonly changed: boolean;
  /** Why the state did or did not move, for the webhook receipt. */
  readonly reason: string;
}

/**
 * Rank of each state: a notification may move an order to a state of higher rank only.
 * `failed`, `expired` and `cancelled` share a rank: a gateway does not move between them, and a
 * late one after another is noise. `paid` outranks them because a settlement is proof money arrived,
 * whatever a delayed expiry says. `refunded` is terminal.
 */
const RANK: Record<OrderState, number> = { pending: 0, failed: 1, expired: 1, cancelled: 1, paid: 2, refunded: 3 };

/**
 * Applies one reported state to the current state of an order (`null`: the first notification for it).
 *
 * @example transition('paid', 'pending') // { next: 'paid', effect: 'none', changed: false, reason: 'stale: pending after paid' }
 */
export function transition(current: OrderState | null, reported: OrderState): OrderTransition {
  if (current === null) {
    return { next: reported, effect: reported === 'paid' ? 'book' : 'none', changed: true, reason: `new order: ${reported}` };
  }
  if (current === reported) return { next: current, effect: 'none', changed: false, reason: `duplicate: ${reported}` };
  if (RANK[reported] <= RANK[current]) return { next: current, effect: 'none', changed: false, reason: `stale: ${reported} after ${current}` };
  if (reported === 'paid') return { next: 'paid', effect: 'book', changed: true, reason: `${current} → paid` };
  if (reported === 'refunded' && current === 'paid') return { next: 'refunded', effect: 'reverse', changed: true, reason: 'paid → refunded' };
  return { next: reported, effect: 'none', changed: true, reason: `${current} → ${reported}` };
}
