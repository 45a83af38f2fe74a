import type { Arm } from './definition.ts';

/**
 * A stable 32-bit hash (FNV-1a with a murmur3 finaliser for avalanche): the same text gives the same number on
 * every node and every run, which is what makes an account's arm reproducible without storing it.
 */
export function stableHash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The account's position 0–9999 in strategy version `version`: a new version reshuffles, re-runs never do. */
export function armSlot(accountId: string, version: number): number {
  return stableHash32(`${accountId}|v${version}`) % 10_000;
}

/**
 * Champion–challenger assignment: arms take consecutive slices of the 0–9999 slot range by percentage,
 * in definition order. Arms must sum to 100 (validated), so every slot lands in exactly one arm.
 *
 * @example armFor('0f8c…', 3, [{ code: 'champion', percent: 80 }, { code: 'challenger', percent: 20 }]).code
 */
export function armFor(accountId: string, version: number, arms: readonly Arm[]): Arm {
  const slot = armSlot(accountId, version);
  let upper = 0;
  for (const arm of arms) {
    upper += arm.percent * 100;
    if (slot < upper) return arm;
  }
  const last = arms[arms.length - 1];
  if (last === undefined) throw new RangeError('a strategy needs at least one arm');
  return last;
}
