import { formatRupiah, rupiah } from '../../src/domain/money.ts';
import { provinceByCode } from '../../src/domain/provinces.ts';
import type { Lang } from './i18n.ts';

/**
 * Money arrives as a decimal string of whole rupiah; it stays a bigint end to end so no amount is ever a float.
 * `Rp1.250.000` in both languages: the rupiah is written the Indonesian way even in the English UI.
 */
export function formatIdr(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || !/^-?\d+$/.test(amount)) return '—';
  return formatRupiah(rupiah(BigInt(amount)));
}

/** Indonesia's three zones by IANA name, with the abbreviations staff use. */
export const ZONES = [
  { code: 'WIB', iana: 'Asia/Jakarta' },
  { code: 'WITA', iana: 'Asia/Makassar' },
  { code: 'WIT', iana: 'Asia/Jayapura' },
] as const;

/** `Asia/Makassar` → `WITA`; any other zone is shown as is. */
export function zoneLabel(iana: string): string {
  return ZONES.find((z) => z.iana === iana)?.code ?? iana;
}

/** Severity classes drive badge colours: one scale for DPD, bucket and Kol so the list reads at a glance. */
export const SEVERITIES = ['ok', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Follows the Kol thresholds (0, 1–30 early, 31–90, 91–180, 180+) so DPD and Kol colours agree. */
export function dpdSeverity(dpd: number): Severity {
  if (dpd <= 0) return 'ok';
  if (dpd <= 30) return 'low';
  if (dpd <= 90) return 'medium';
  if (dpd <= 180) return 'high';
  return 'critical';
}

export function kolSeverity(kol: number): Severity {
  if (kol <= 1) return 'ok';
  if (kol === 2) return 'low';
  if (kol === 3) return 'medium';
  if (kol === 4) return 'high';
  return 'critical';
}

/** A bucket code's severity is that of its lowest DPD: `31-60` → 31, `180+` → 181, `current` → 0. */
export function bucketSeverity(code: string): Severity {
  if (code === 'current') return 'ok';
  const m = /^(\d+)/.exec(code);
  if (!m?.[1]) return 'medium';
  const low = Number(m[1]);
  return dpdSeverity(code.endsWith('+') ? low + 1 : low);
}

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

/** An instant shown in the given zone (the debtor's, for contact-hour questions), with the zone's label. */
export function formatInstant(iso: string, lang: Lang, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const text = new Intl.DateTimeFormat(LOCALES[lang], { timeZone, day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${text} ${zoneLabel(timeZone)}`;
}

/** A business date (`YYYY-MM-DD`) as `20 Okt 2026`; it has no zone, so it is formatted as UTC to avoid a day shift. */
export function formatDate(isoDate: string | null, lang: Lang): string {
  if (!isoDate) return '—';
  const d = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}

/** A Kemendagri province code (as the API sends it) as its official name: `73` → `Sulawesi Selatan`. */
export function provinceName(code: string | null): string {
  if (!code) return '—';
  return provinceByCode(code)?.name ?? code;
}
