import { parseRupiah, type Rupiah } from '../../domain/money.ts';

/**
 * Parses a gateway amount: Midtrans sends `"150000.00"`, Xendit a JSON number. Only whole, positive
 * rupiah are accepted; anything else is a malformed notification, never rounded.
 */
export function gatewayAmount(value: unknown): Rupiah | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? (BigInt(value) as Rupiah) : null;
  if (typeof value !== 'string' || !/^\d+(\.\d{1,2})?$/.test(value)) return null;
  const r = parseRupiah(value);
  return r.ok && r.value > 0n ? r.value : null;
}

/**
 * Midtrans writes times as `2026-11-23 10:15:00` in Jakarta time (GMT+7), without a zone.
 * Returns null for anything else, so a bad time never becomes a wrong payment date.
 */
export function jakartaTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2]}+07:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An ISO-8601 instant with a zone (Xendit, sandbox), or null. */
export function isoInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Formats an instant as Midtrans expects request times: `yyyy-MM-dd HH:mm:ss +0700`. */
export function midtransTime(d: Date): string {
  const wib = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${wib.slice(0, 10)} ${wib.slice(11, 19)} +0700`;
}
