import { createHash } from 'node:crypto';
import { parseRupiah, type Rupiah } from '../../domain/money.ts';
import { normalizeIndonesianPhone } from '../../domain/phone.ts';
import { resolveProvince, isIanaZone } from '../../domain/provinces.ts';
import { validateNik } from '../../domain/nik.ts';
import { parseIsoDate } from '../../domain/dates.ts';
import { dpdAsOf } from '../../domain/dpd.ts';
import { bucketFor } from '../../domain/buckets.ts';
import { kolFor } from '../../domain/kol.ts';

/** The account-import columns of shared/CONTRACTS.md. */
export const REQUIRED_COLUMNS = ['account_no', 'debtor_ref', 'debtor_name', 'phone', 'province', 'product', 'outstanding_idr', 'due_date'] as const;
export const OPTIONAL_COLUMNS = [
  'nik',
  'email',
  'address',
  'city',
  'postal_code',
  'birth_date',
  'principal_idr',
  'installment_idr',
  'tenor_months',
  'va_number',
  'creditor',
  'timezone',
] as const;
export type AccountColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

export const DEFAULT_CREDITOR_CODE = 'DEFAULT';

export interface RowError {
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

/** One valid, normalised import row (plaintext; PII is encrypted by the service before it is staged). */
export interface AccountRow {
  readonly row: number;
  readonly accountNo: string;
  readonly debtorRef: string;
  readonly debtorName: string;
  readonly phoneE164: string;
  readonly provinceCode: string;
  readonly timezone: string;
  readonly product: string;
  readonly outstanding: Rupiah;
  readonly dueDate: string;
  readonly nik: string | null;
  readonly email: string | null;
  readonly address: string | null;
  readonly city: string | null;
  readonly postalCode: string | null;
  readonly birthDate: string | null;
  readonly principal: Rupiah | null;
  readonly installment: Rupiah | null;
  readonly tenorMonths: number | null;
  readonly vaNumber: string | null;
  readonly creditorCode: string;
  readonly dpd: number;
  readonly bucket: string;
  readonly kol: number;
  /** Hash of the account's source values: an unchanged row is not rewritten on re-import. */
  readonly accountHash: string;
  /** Hash of the debtor-level values. */
  readonly debtorHash: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const ACCOUNT_NO = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;
const MAX_TEXT = 500;

/** Reports which required columns a header lacks and which columns Tagih does not know. */
export function checkHeader(header: readonly string[]): { missing: string[]; unknown: string[]; duplicated: string[] } {
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
  const seen = new Set<string>();
  const duplicated: string[] = [];
  for (const h of header) {
    if (seen.has(h)) duplicated.push(h);
    seen.add(h);
  }
  return {
    missing: REQUIRED_COLUMNS.filter((c) => !seen.has(c)),
    unknown: header.filter((h) => !known.has(h)),
    duplicated,
  };
}

function sha256(parts: readonly (string | null)[]): string {
  return createHash('sha256').update(parts.map((p) => p ?? '\u0000').join('\u001f')).digest('hex');
}

/**
 * Validates and normalises one CSV record. Returns every field error of the row, not just the first,
 * so an operator fixes a file in one pass. `asOf` is the business date used for the initial DPD.
 */
export function validateAccountRow(
  record: Readonly<Record<string, string | undefined>>,
  row: number,
  asOf: (zone: string) => string,
): { ok: true; value: AccountRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (field: string, message: string) => errors.push({ row, field, message });
  const text = (field: AccountColumn): string | null => {
    const v = record[field]?.trim();
    if (!v) return null;
    if (v.length > MAX_TEXT) {
      err(field, `longer than ${MAX_TEXT} characters`);
      return null;
    }
    return v;
  };
  const required = (field: AccountColumn): string | null => {
    const v = text(field);
    if (v === null && !errors.some((e) => e.field === field)) err(field, 'is required');
    return v;
  };
  const money = (field: AccountColumn, need: boolean): Rupiah | null => {
    const raw = need ? required(field) : text(field);
    if (raw === null) return null;
    const parsed = parseRupiah(raw);
    if (!parsed.ok) {
      err(field, parsed.message);
      return null;
    }
    if (parsed.value < 0n) {
      err(field, `must not be negative (got ${raw})`);
      return null;
    }
    return parsed.value;
  };
  const date = (field: AccountColumn, need: boolean): string | null => {
    const raw = need ? required(field) : text(field);
    if (raw === null) return null;
    const parsed = parseIsoDate(raw);
    if (!parsed.ok) {
      err(field, parsed.message);
      return null;
    }
    return parsed.value;
  };

  const accountNo = required('account_no');
  if (accountNo !== null && !ACCOUNT_NO.test(accountNo)) err('account_no', `'${accountNo}' must be letters, digits, '.', '_', '-', '/' (max 64)`);
  const debtorRef = required('debtor_ref');
  const debtorName = required('debtor_name');
  const product = required('product');

  const phoneRaw = required('phone');
  let phoneE164: string | null = null;
  if (phoneRaw !== null) {
    const p = normalizeIndonesianPhone(phoneRaw);
    if (p.ok) phoneE164 = p.value.e164;
    else err('phone', p.message);
  }

  const provinceRaw = required('province');
  const province = provinceRaw === null ? undefined : resolveProvince(provinceRaw);
  if (provinceRaw !== null && !province) err('province', `unknown province '${provinceRaw}'`);

  let timezone = text('timezone');
  if (timezone !== null && !isIanaZone(timezone)) {
    err('timezone', `'${timezone}' is not an IANA time zone`);
    timezone = null;
  }
  timezone ??= province?.zone ?? null;

  const outstanding = money('outstanding_idr', true);
  const principal = money('principal_idr', false);
  const installment = money('installment_idr', false);
  const dueDate = date('due_date', true);
  const birthDate = date('birth_date', false);
  if (birthDate !== null && dueDate !== null && birthDate > dueDate) err('birth_date', 'is after the due date');

  const nikRaw = text('nik');
  let nik: string | null = null;
  if (nikRaw !== null) {
    const n = validateNik(nikRaw);
    if (n.ok) nik = n.value.nik;
    else err('nik', n.message);
  }

  const emailRaw = text('email');
  const email = emailRaw?.toLowerCase() ?? null;
  if (email !== null && !EMAIL.test(email)) err('email', `'${emailRaw}' is not an email address`);

  const tenorRaw = text('tenor_months');
  let tenorMonths: number | null = null;
  if (tenorRaw !== null) {
    if (!/^\d{1,3}$/.test(tenorRaw) || Number(tenorRaw) < 1 || Number(tenorRaw) > 600) err('tenor_months', `'${tenorRaw}' must be a whole number of months from 1 to 600`);
    else tenorMonths = Number(tenorRaw);
  }

  const postalCode = text('postal_code');
  if (postalCode !== null && !/^\d{5}$/.test(postalCode)) err('postal_code', `'${postalCode}' must be 5 digits`);
  const vaNumber = text('va_number');
  if (vaNumber !== null && !/^\d{8,20}$/.test(vaNumber)) err('va_number', `'${vaNumber}' must be 8 to 20 digits`);

  if (errors.length > 0) return { ok: false, errors };

  // Every required value is non-null here: each null pushed an error above.
  const zone = timezone!;
  const dpd = dpdAsOf(dueDate!, asOf(zone));
  const creditorCode = text('creditor') ?? DEFAULT_CREDITOR_CODE;
  const address = text('address');
  const city = text('city');
  const value: AccountRow = {
    row,
    accountNo: accountNo!,
    debtorRef: debtorRef!,
    debtorName: debtorName!,
    phoneE164: phoneE164!,
    provinceCode: province!.code,
    timezone: zone,
    product: product!,
    outstanding: outstanding!,
    dueDate: dueDate!,
    nik,
    email,
    address,
    city,
    postalCode,
    birthDate,
    principal,
    installment,
    tenorMonths,
    vaNumber,
    creditorCode,
    dpd,
    bucket: bucketFor(dpd).code,
    kol: kolFor(dpd),
    accountHash: sha256([
      creditorCode, debtorRef, accountNo, product, String(outstanding), dueDate, String(principal ?? ''), String(installment ?? ''), String(tenorMonths ?? ''), vaNumber,
    ]),
    debtorHash: sha256([debtorName, phoneE164, province!.code, zone, nik, email, address, city, postalCode, birthDate]),
  };
  return { ok: true, value };
}
