import { allocatePayment, type AllocationComponent, type DueItem } from '../../domain/allocation.ts';
import { addDays, compareIsoDate, daysBetween } from '../../domain/dates.ts';
import { rupiah, splitProportionally, type Rupiah } from '../../domain/money.ts';
import { dateInMonth, localInstant, monthIndexOf } from './calendar.ts';
import type { Rng } from './prng.ts';

/** Products the demo lenders sell, as the `accounts.product` column holds them. */
export const DEMO_PRODUCTS = ['KTA', 'Multiguna', 'Kartu Kredit', 'Paylater'] as const;
export type DemoProduct = (typeof DEMO_PRODUCTS)[number];

/** Terms a product is offered on; amounts in rupiah, rates flat per month in basis points. */
interface ProductTerms {
  readonly code: string;
  readonly principal: readonly [number, number];
  readonly step: number;
  readonly tenors: readonly number[];
  readonly rateBp: readonly [number, number];
  /** Monthly platform/admin fee as basis points of principal (P2P platforms charge one). */
  readonly feeBp: number;
  /** Fixed late charge per instalment paid after its due date. */
  readonly lateFee: number;
}

/**
 * Realistic ranges: P2P paylater Rp500 rb–5 jt over 1–12 months at a few percent a month;
 * KTA Rp5–100 jt; multiguna (collateralised) Rp10–200 jt; credit-card balances converted to
 * instalments at the BI cap of 1.75 % a month.
 */
export const PRODUCT_TERMS: Readonly<Record<DemoProduct, ProductTerms>> = {
  KTA: { code: 'KTA', principal: [5_000_000, 100_000_000], step: 500_000, tenors: [12, 18, 24, 36, 48], rateBp: [110, 190], feeBp: 0, lateFee: 100_000 },
  Multiguna: { code: 'MG', principal: [10_000_000, 200_000_000], step: 1_000_000, tenors: [12, 24, 36, 48, 60], rateBp: [80, 140], feeBp: 0, lateFee: 150_000 },
  'Kartu Kredit': { code: 'CC', principal: [2_000_000, 50_000_000], step: 50_000, tenors: [6, 12, 24, 36], rateBp: [175, 175], feeBp: 0, lateFee: 100_000 },
  Paylater: { code: 'PL', principal: [500_000, 5_000_000], step: 50_000, tenors: [1, 2, 3, 6, 12], rateBp: [250, 600], feeBp: 100, lateFee: 25_000 },
};

/** Log-uniform amount rounded to `step`: small loans are far more common than large ones. */
function drawPrincipal(rng: Rng, [lo, hi]: readonly [number, number], step: number): Rupiah {
  const x = Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo)));
  return rupiah(Math.max(lo, Math.min(hi, Math.round(x / step) * step)));
}

export interface LoanTerms {
  readonly product: DemoProduct;
  readonly principal: Rupiah;
  readonly tenor: number;
  readonly rateBp: number;
  readonly monthlyFee: Rupiah;
  readonly lateFee: Rupiah;
}

export function drawLoanTerms(rng: Rng, product: DemoProduct): LoanTerms {
  const t = PRODUCT_TERMS[product];
  const principal = drawPrincipal(rng, t.principal, t.step);
  return {
    product,
    principal,
    tenor: rng.pick(t.tenors),
    rateBp: rng.int(t.rateBp[0], t.rateBp[1]),
    monthlyFee: rupiah((principal * BigInt(t.feeBp)) / 10_000n),
    lateFee: rupiah(t.lateFee),
  };
}

/** One instalment row as `account_schedule` stores it. */
export interface DemoInstalment {
  readonly seq: number;
  readonly dueDate: string;
  principalDue: Rupiah;
  interestDue: Rupiah;
  feeDue: Rupiah;
  penaltyDue: Rupiah;
  principalPaid: Rupiah;
  interestPaid: Rupiah;
  feePaid: Rupiah;
  penaltyPaid: Rupiah;
}

export interface DemoAllocation {
  readonly seq: number;
  readonly component: AllocationComponent;
  readonly amount: Rupiah;
}

export interface DemoPayment {
  /** Local business date the money arrived. */
  readonly paidOn: string;
  readonly paidAt: Date;
  readonly amount: Rupiah;
  readonly channel: string;
  readonly externalRef: string;
  readonly allocations: readonly DemoAllocation[];
}

/** Where an account should stand on `asOf`: paid off, current, or late with a given DPD. */
export type TargetState = { readonly kind: 'paid_off' } | { readonly kind: 'current' } | { readonly kind: 'late'; readonly dpd: number };

export interface LoanHistory {
  readonly schedule: DemoInstalment[];
  readonly payments: DemoPayment[];
  readonly instalment: Rupiah;
  readonly outstanding: Rupiah;
}

const PAYMENT_CHANNELS = [
  ['virtual_account', 55],
  ['ewallet', 15],
  ['retail_outlet', 10],
  ['auto_debit', 10],
  ['qris', 10],
] as const;

function owed(i: DemoInstalment): Record<AllocationComponent, Rupiah> {
  return {
    fee: rupiah(i.feeDue - i.feePaid),
    penalty: rupiah(i.penaltyDue - i.penaltyPaid),
    interest: rupiah(i.interestDue - i.interestPaid),
    principal: rupiah(i.principalDue - i.principalPaid),
  };
}

/** Unpaid amount of one instalment across all components. */
export function unpaidOf(i: DemoInstalment): Rupiah {
  const o = owed(i);
  return rupiah(o.fee + o.penalty + o.interest + o.principal);
}

function dueItems(schedule: readonly DemoInstalment[], upToSeq: number): DueItem[] {
  const items: DueItem[] = [];
  for (const i of schedule) {
    if (i.seq > upToSeq) break;
    const o = owed(i);
    for (const component of ['fee', 'penalty', 'interest', 'principal'] as const) {
      if (o[component] > 0n) items.push({ seq: i.seq, dueDate: i.dueDate, component, outstanding: o[component] });
    }
  }
  return items;
}

const PAID_FIELD = { fee: 'feePaid', penalty: 'penaltyPaid', interest: 'interestPaid', principal: 'principalPaid' } as const;

/**
 * Books a payment the way the platform would: the domain waterfall (`allocatePayment`) decides
 * the split, and the split is written back to the schedule's `*_paid` columns.
 */
function book(
  rng: Rng,
  schedule: DemoInstalment[],
  upToSeq: number,
  amount: Rupiah,
  paidOn: string,
  zone: string,
  ref: string,
): DemoPayment {
  const { allocations } = allocatePayment(amount, dueItems(schedule, upToSeq));
  for (const a of allocations) {
    const row = schedule[a.seq - 1]!;
    const field = PAID_FIELD[a.component];
    row[field] = rupiah(row[field] + a.amount);
  }
  return {
    paidOn,
    paidAt: localInstant(paidOn, rng.int(7, 21), rng.int(0, 59), zone),
    amount,
    channel: rng.weighted(PAYMENT_CHANNELS),
    externalRef: ref,
    allocations: allocations.map((a) => ({ seq: a.seq, component: a.component, amount: a.amount })),
  };
}

/**
 * Builds a flat-interest instalment schedule and a payment history that leaves the account in
 * `target` on `asOf`. Constructed backwards from the oldest unpaid due date (asOf − DPD), so the
 * DPD mix is chosen, not hoped for; `delinquencyOf` over the result gives exactly that DPD.
 * Later instalments stay unpaid (a payment does not skip the oldest), some late accounts carry a
 * partial payment, and overdue or late-paid instalments carry the product's late charge.
 */
export function buildLoanHistory(rng: Rng, terms: LoanTerms, target: TargetState, asOf: string, zone: string, refPrefix: string): LoanHistory {
  const { tenor } = terms;
  // Anchor: the first unpaid instalment (or, when paid off, the last one) and how many precede it.
  let anchor: string;
  let paidCount: number;
  if (target.kind === 'late') {
    anchor = addDays(asOf, -target.dpd);
    paidCount = rng.int(0, tenor - 1);
  } else if (target.kind === 'current') {
    anchor = addDays(asOf, rng.int(0, 27));
    paidCount = rng.int(0, tenor - 1);
  } else {
    anchor = addDays(asOf, -rng.int(5, 400));
    paidCount = tenor;
  }
  const dueDay = Number(anchor.slice(8, 10));
  const anchorSeq = target.kind === 'paid_off' ? tenor : paidCount + 1;
  const firstMonth = monthIndexOf(anchor) - (anchorSeq - 1);

  const principals = splitProportionally(terms.principal, Array.from({ length: tenor }, () => 1n));
  const interest = rupiah((terms.principal * BigInt(terms.rateBp)) / 10_000n);
  const schedule: DemoInstalment[] = principals.map((p, k) => ({
    seq: k + 1,
    dueDate: dateInMonth(firstMonth + k, dueDay),
    principalDue: p,
    interestDue: interest,
    feeDue: terms.monthlyFee,
    penaltyDue: rupiah(0),
    principalPaid: rupiah(0),
    interestPaid: rupiah(0),
    feePaid: rupiah(0),
    penaltyPaid: rupiah(0),
  }));
  const instalment = rupiah(schedule[0]!.principalDue + interest + terms.monthlyFee);

  const payments: DemoPayment[] = [];
  const lastPayable = addDays(asOf, -1);
  for (let seq = 1; seq <= paidCount; seq++) {
    const row = schedule[seq - 1]!;
    let paidOn = addDays(row.dueDate, -rng.int(0, 5));
    if (rng.chance(0.15)) {
      paidOn = addDays(row.dueDate, rng.int(1, 20));
      row.penaltyDue = terms.lateFee;
    }
    if (compareIsoDate(paidOn, lastPayable) > 0) paidOn = lastPayable;
    payments.push(book(rng, schedule, seq, unpaidOf(row), paidOn, zone, `${refPrefix}-${payments.length + 1}`));
  }
  // Everything past due and not paid carries the late charge.
  for (const row of schedule) {
    if (row.seq > paidCount && compareIsoDate(row.dueDate, asOf) < 0) row.penaltyDue = terms.lateFee;
  }
  // Some late debtors paid part of what was due: it reduces the balance but does not cure DPD.
  if (target.kind === 'late' && target.dpd >= 2 && rng.chance(0.35)) {
    const oldest = schedule[paidCount]!;
    const part = (unpaidOf(oldest) * BigInt(rng.int(20, 80))) / 100n;
    const amount = rupiah((part / 10_000n) * 10_000n);
    if (amount > 0n) {
      const paidOn = addDays(oldest.dueDate, rng.int(1, daysBetween(oldest.dueDate, asOf) - 1));
      const lastDue = schedule.filter((r) => compareIsoDate(r.dueDate, paidOn) <= 0).at(-1)!.seq;
      payments.push(book(rng, schedule, lastDue, amount, paidOn, zone, `${refPrefix}-${payments.length + 1}`));
    }
  }
  let outstanding = 0n;
  for (const row of schedule) outstanding += unpaidOf(row);
  return { schedule, payments, instalment, outstanding: rupiah(outstanding) };
}
