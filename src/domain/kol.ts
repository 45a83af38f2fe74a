/** OJK collectibility (kolektibilitas) grades, 1 best to 5 worst. */
export const KOL_LEVELS = [1, 2, 3, 4, 5] as const;
export type Kol = (typeof KOL_LEVELS)[number];

/** Official Indonesian names, as they appear in SLIK reports and OJK rules. */
export const KOL_NAMES: Readonly<Record<Kol, string>> = {
  1: 'Lancar',
  2: 'Dalam Perhatian Khusus',
  3: 'Kurang Lancar',
  4: 'Diragukan',
  5: 'Macet',
};

/**
 * Collectibility from days past due alone: 1 at 0, 2 for 1–90, 3 for 91–120, 4 for 121–180,
 * 5 beyond 180. (OJK also weighs the debtor's prospects; Tagih only knows DPD.)
 * Matters because BI allows third-party agencies on credit cards only for *macet* (Kol 5).
 *
 * @example kolFor(95) // 3
 */
export function kolFor(dpd: number): Kol {
  if (!Number.isInteger(dpd) || dpd < 0) throw new RangeError(`DPD must be a whole number ≥ 0, got ${dpd}`);
  if (dpd === 0) return 1;
  if (dpd <= 90) return 2;
  if (dpd <= 120) return 3;
  if (dpd <= 180) return 4;
  return 5;
}

export function isKol(value: unknown): value is Kol {
  return typeof value === 'number' && (KOL_LEVELS as readonly number[]).includes(value);
}
