import { DEFAULT_BUCKETS } from '../../domain/buckets.ts';
import { addDays, localDateOf } from '../../domain/dates.ts';
import { delinquencyOf } from '../../domain/dpd.ts';
import type { Kol } from '../../domain/kol.ts';
import type { Rupiah } from '../../domain/money.ts';
import { normalizeIndonesianPhone } from '../../domain/phone.ts';
import { provinceByCode, type IndonesianZone } from '../../domain/provinces.ts';
import { localInstant } from './calendar.ts';
import { generateInteractions, type DemoInteraction } from './interactions.ts';
import { buildLoanHistory, drawLoanTerms, PRODUCT_TERMS, type DemoInstalment, type DemoPayment, type DemoProduct, type TargetState } from './loans.ts';
import { EMERGENCY_RELATIONS, fullName, type Ethnicity, type Sex } from './names.ts';
import { DEMO_PROVINCES, HOUSING_ESTATES, STREETS, type DemoCity } from './places.ts';
import { createRng, seedFor, type Rng } from './prng.ts';

/** A demo lender, with the account-number prefix, VA bank prefix and products it sells. */
export interface DemoCreditor {
  readonly code: string;
  readonly name: string;
  readonly accountPrefix: string;
  /** Five digits, the same length for every creditor, so VA numbers can never collide across banks. */
  readonly vaPrefix: string;
  readonly products: readonly DemoProduct[];
  readonly weight: number;
}

export const DEMO_CREDITORS: readonly DemoCreditor[] = [
  { code: 'BANKMAJU', name: 'Bank Maju Sejahtera', accountPrefix: 'BMS', vaPrefix: '88708', products: ['KTA', 'Multiguna'], weight: 35 },
  { code: 'MFNUSA', name: 'Multifinance Nusantara', accountPrefix: 'MFN', vaPrefix: '39358', products: ['Multiguna'], weight: 20 },
  { code: 'DANAKILAT', name: 'Dana Kilat P2P', accountPrefix: 'DKP', vaPrefix: '88908', products: ['Paylater'], weight: 30 },
  { code: 'KKSENTOSA', name: 'Kartu Kredit Sentosa', accountPrefix: 'KKS', vaPrefix: '12616', products: ['Kartu Kredit'], weight: 15 },
];

/** Zone labels as Indonesians name them, for summaries. */
export const ZONE_LABELS: Readonly<Record<IndonesianZone, 'WIB' | 'WITA' | 'WIT'>> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export interface DemoContact {
  readonly type: 'phone' | 'email';
  /** E.164 for phones, lower-case for e-mail. */
  readonly value: string;
  readonly isPrimary: boolean;
  readonly isVerified: boolean;
  readonly emergency: { readonly name: string; readonly relation: string; readonly consentAt: Date | null } | null;
  readonly preferences: readonly { readonly channel: 'sms' | 'whatsapp' | 'email' | 'voice'; readonly consent: 'granted' | 'opted_out' }[];
}

export interface DemoAddress {
  readonly kind: 'billing' | 'domicile';
  readonly line: string;
  readonly city: string;
  readonly postalCode: string;
  readonly provinceCode: string;
  readonly timezone: IndonesianZone;
}

export interface DemoCase {
  readonly queue: 'desk_l1' | 'desk_l2' | 'field' | 'legal';
  readonly priority: number;
  readonly openedAt: Date;
}

export interface DemoAccount {
  readonly accountNo: string;
  readonly product: DemoProduct;
  readonly principal: Rupiah;
  readonly installment: Rupiah;
  readonly tenor: number;
  readonly outstanding: Rupiah;
  readonly oldestUnpaidDueDate: string | null;
  readonly dpd: number;
  readonly bucket: string;
  readonly kol: Kol;
  /** The debtor's local business date the delinquency was measured on. */
  readonly asOf: string;
  /** When the account entered its current bucket: the open `delinquency_history` row's `added_on`. */
  readonly bucketSince: string;
  readonly status: 'active' | 'paid_off';
  readonly vaNumber: string;
  readonly schedule: readonly DemoInstalment[];
  readonly payments: readonly DemoPayment[];
  readonly interactions: readonly DemoInteraction[];
  readonly case: DemoCase | null;
}

export interface DemoDebtor {
  readonly creditorCode: string;
  readonly debtorRef: string;
  readonly fullName: string;
  readonly sex: Sex;
  readonly ethnicity: Ethnicity;
  readonly nik: string;
  readonly birthDate: string;
  readonly language: 'id' | 'en';
  readonly provinceCode: string;
  readonly timezone: IndonesianZone;
  readonly contacts: readonly DemoContact[];
  readonly addresses: readonly DemoAddress[];
  readonly accounts: readonly DemoAccount[];
}

export interface DemoOptions {
  readonly seed: number;
  /** Number of accounts to produce (debtors hold one or two). */
  readonly accounts: number;
  /** The instant the portfolio is "as of"; each debtor's business date is its local date at this instant. */
  readonly now: Date;
}

/** Target DPD mix of a collection portfolio; `paid_off` is a slice of "current". */
const TARGETS = [
  ['paid_off', 3],
  ['current', 32],
  ['1-30', 25],
  ['31-60', 12],
  ['61-90', 8],
  ['91-120', 6],
  ['121-180', 6],
  ['180+', 8],
] as const;

const MOBILE_PREFIXES = ['0811', '0812', '0813', '0821', '0822', '0823', '0852', '0853', '0857', '0858', '0878', '0877', '0896', '0895', '0819', '0838', '0881'] as const;
const EMAIL_DOMAINS = [['gmail.com', 70], ['yahoo.co.id', 12], ['yahoo.com', 6], ['outlook.com', 5], ['ymail.com', 3], ['icloud.com', 4]] as const;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function drawTarget(rng: Rng): TargetState {
  const code = rng.weighted(TARGETS);
  if (code === 'paid_off') return { kind: 'paid_off' };
  if (code === 'current') return { kind: 'current' };
  const range = DEFAULT_BUCKETS.find((b) => b.code === code)!;
  // 180+: most written-off-looking accounts are 6–12 months late, a tail goes to two years.
  const dpd = range.maxDays === null ? range.minDays + Math.floor(rng.next() ** 2 * 540) : rng.int(range.minDays, range.maxDays);
  return { kind: 'late', dpd };
}

function mobile(rng: Rng): string {
  // 0812 + 7 or 8 digits: the 11- and 12-digit lengths Indonesian mobile numbers have.
  const width = rng.chance(0.7) ? 8 : 7;
  const local = `${rng.pick(MOBILE_PREFIXES)}${pad(rng.int(10 ** (width - 1), 10 ** width - 1), width)}`;
  const parsed = normalizeIndonesianPhone(local);
  if (!parsed.ok) throw new Error(`demo generated an invalid phone ${local}: ${parsed.message}`);
  return parsed.value.e164;
}

function emailFor(rng: Rng, name: string): string {
  const parts = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z\s]/g, '')
    .split(/\s+/)
    .filter((p) => p.length > 1);
  const first = parts[0] ?? 'user';
  const last = parts.at(-1) ?? 'id';
  const local = rng.weighted([
    [`${first}.${last}`, 3],
    [`${first}${last}${rng.int(1, 99)}`, 3],
    [`${first}_${rng.int(70, 2005)}`, 2],
    [`${first[0]}${last}`, 1],
  ] as const);
  return `${local}@${rng.weighted(EMAIL_DOMAINS)}`;
}

/** `PP RR DD DDMMYY SSSS`: province and regency of the city, a non-zero district, birth date (+40 for women), serial. */
function nikFor(rng: Rng, city: DemoCity, birthDate: string, sex: Sex): string {
  const day = Number(birthDate.slice(8, 10)) + (sex === 'F' ? 40 : 0);
  return `${city.regencyCode}${pad(rng.int(1, 24), 2)}${pad(day, 2)}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}${pad(rng.int(1, 2999), 4)}`;
}

function addressFor(rng: Rng, city: DemoCity, provinceName: string): { line: string; postalCode: string } {
  const [kec, kel] = rng.pick(city.areas);
  const postalCode = String(rng.int(city.postal[0], city.postal[1]));
  const rtRw = `RT ${pad(rng.int(1, 15), 3)}/RW ${pad(rng.int(1, 12), 3)}`;
  const street = rng.chance(0.2)
    ? `${rng.pick(HOUSING_ESTATES)} Blok ${String.fromCharCode(65 + rng.int(0, 7))}${rng.int(1, 12)} No. ${rng.int(1, 40)}`
    : `Jl. ${rng.pick(STREETS)}${rng.chance(0.3) ? ` Gg. ${rng.int(1, 9)}` : ''} No. ${rng.int(1, 250)}`;
  return { line: `${street}, ${rtRw}, Kel. ${kel}, Kec. ${kec}, ${city.name}, ${provinceName} ${postalCode}`, postalCode };
}

function birthDateFor(rng: Rng, asOf: string): string {
  const age = 21 + Math.floor(rng.next() ** 1.6 * 40);
  const year = Number(asOf.slice(0, 4)) - age;
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}

function queueFor(dpd: number): DemoCase['queue'] {
  if (dpd <= 30) return 'desk_l1';
  if (dpd <= 90) return 'desk_l2';
  if (dpd <= 180) return 'field';
  return 'legal';
}

/** Yields debtors one at a time so 100k accounts never sit in memory at once. Deterministic in (seed, accounts, now). */
export function* generateDemoDebtors(opts: DemoOptions): Generator<DemoDebtor> {
  if (!Number.isInteger(opts.accounts) || opts.accounts < 0) throw new RangeError(`accounts must be a whole number ≥ 0, got ${opts.accounts}`);
  let accountSeq = 0;
  const perCreditor = new Map<string, number>();
  for (let index = 0; accountSeq < opts.accounts; index++) {
    // One stream per debtor: debtor i is the same whatever N is (beyond truncation of the last one).
    const rng = createRng(seedFor(opts.seed, index));
    const creditor = rng.weighted(DEMO_CREDITORS.map((c) => [c, c.weight] as const));
    const demoProvince = rng.weighted(DEMO_PROVINCES.map((p) => [p, p.weight] as const));
    const province = provinceByCode(demoProvince.code)!;
    const zone = province.zone;
    const asOf = localDateOf(opts.now, zone);
    const city = rng.pick(demoProvince.cities);
    const ethnicity = rng.weighted(demoProvince.ethnicities);
    const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
    const name = fullName(rng, ethnicity, sex);
    const birthDate = birthDateFor(rng, asOf);
    const nik = nikFor(rng, city, birthDate, sex);
    const debtorNo = (perCreditor.get(creditor.code) ?? 0) + 1;
    perCreditor.set(creditor.code, debtorNo);

    const phone = mobile(rng);
    const waOptOut = rng.chance(0.06);
    const smsOptOut = rng.chance(0.04);
    const preferences: DemoContact['preferences'][number][] = [];
    if (waOptOut || smsOptOut || rng.chance(0.2)) {
      preferences.push({ channel: 'voice', consent: 'granted' });
      preferences.push({ channel: 'sms', consent: smsOptOut ? 'opted_out' : 'granted' });
      preferences.push({ channel: 'whatsapp', consent: waOptOut ? 'opted_out' : 'granted' });
    }
    const contacts: DemoContact[] = [{ type: 'phone', value: phone, isPrimary: true, isVerified: rng.chance(0.7), emergency: null, preferences }];
    if (rng.chance(0.12)) {
      const second = mobile(rng);
      if (second !== phone) contacts.push({ type: 'phone', value: second, isPrimary: false, isVerified: false, emergency: null, preferences: [] });
    }
    if (rng.chance(0.45)) {
      contacts.push({ type: 'email', value: emailFor(rng, name), isPrimary: true, isVerified: rng.chance(0.5), emergency: null, preferences: rng.chance(0.1) ? [{ channel: 'email', consent: 'opted_out' }] : [] });
    }
    if (rng.chance(0.075)) {
      const relation = rng.pick(EMERGENCY_RELATIONS);
      const contactSex: Sex = relation === 'Istri' ? 'F' : relation === 'Suami' ? 'M' : rng.chance(0.5) ? 'M' : 'F';
      const value = mobile(rng);
      if (!contacts.some((c) => c.value === value)) {
        const consentAt = rng.chance(0.6) ? new Date(opts.now.getTime() - rng.int(30, 900) * 86_400_000) : null;
        contacts.push({
          type: 'phone',
          value,
          isPrimary: false,
          isVerified: false,
          emergency: { name: fullName(rng, ethnicity, contactSex), relation, consentAt },
          preferences: [],
        });
      }
    }
    const billing = addressFor(rng, city, province.name);
    const addresses: DemoAddress[] = [{ kind: 'billing', line: billing.line, city: city.name, postalCode: billing.postalCode, provinceCode: province.code, timezone: zone }];
    if (rng.chance(0.1)) {
      const other = rng.pick(demoProvince.cities);
      const domicile = addressFor(rng, other, province.name);
      addresses.push({ kind: 'domicile', line: domicile.line, city: other.name, postalCode: domicile.postalCode, provinceCode: province.code, timezone: zone });
    }

    const accountCount = Math.min(rng.chance(0.18) ? 2 : 1, opts.accounts - accountSeq);
    const accounts: DemoAccount[] = [];
    for (let a = 0; a < accountCount; a++) {
      accountSeq += 1;
      const product = rng.pick(creditor.products);
      const terms = drawLoanTerms(rng, product);
      const target = drawTarget(rng);
      const accountNo = `${creditor.accountPrefix}-${PRODUCT_TERMS[product].code}-${pad(accountSeq, 8)}`;
      const history = buildLoanHistory(rng, terms, target, asOf, zone, `TRX${pad(accountSeq, 8)}`);
      const installments = history.schedule.map((i) => ({
        seq: i.seq,
        dueDate: i.dueDate,
        amountDue: (i.principalDue + i.interestDue + i.feeDue + i.penaltyDue) as Rupiah,
        amountPaid: (i.principalPaid + i.interestPaid + i.feePaid + i.penaltyPaid) as Rupiah,
      }));
      const delinquency = delinquencyOf(installments, asOf);
      const dpd = delinquency.dpd;
      const interactions = generateInteractions(rng, {
        asOf,
        zone,
        dpd,
        product,
        instalment: history.instalment,
        whatsappOptOut: waOptOut,
        smsOptOut,
      });
      const bucketSince =
        dpd > 0
          ? addDays(delinquency.oldestUnpaidDueDate!, delinquency.bucket.minDays)
          : (history.payments.at(-1)?.paidOn ?? addDays(history.schedule[0]!.dueDate, -30));
      const queue = queueFor(dpd);
      accounts.push({
        accountNo,
        product,
        principal: terms.principal,
        installment: history.instalment,
        tenor: terms.tenor,
        outstanding: history.outstanding,
        oldestUnpaidDueDate: delinquency.oldestUnpaidDueDate,
        dpd,
        bucket: delinquency.bucket.code,
        kol: delinquency.kol,
        asOf,
        bucketSince,
        status: target.kind === 'paid_off' ? 'paid_off' : 'active',
        vaNumber: `${creditor.vaPrefix}${pad(accountSeq, 11)}`,
        schedule: history.schedule,
        payments: history.payments,
        interactions,
        case:
          dpd > 0
            ? {
                queue,
                priority: DEFAULT_BUCKETS.findIndex((b) => b.code === delinquency.bucket.code) * 10 + (history.outstanding >= 10_000_000n ? 5 : 0),
                // The daily batch (02:00 local) opens the case the day after the first missed due date.
                openedAt: localInstant(addDays(delinquency.oldestUnpaidDueDate!, 1), 2, 0, zone),
              }
            : null,
      });
    }
    yield {
      creditorCode: creditor.code,
      debtorRef: `${creditor.code}-C${pad(debtorNo, 7)}`,
      fullName: name,
      sex,
      ethnicity,
      nik,
      birthDate,
      language: rng.chance(0.03) ? 'en' : 'id',
      provinceCode: province.code,
      timezone: zone,
      contacts,
      addresses,
      accounts,
    };
  }
}

/** The whole portfolio in memory: convenient for tests and small runs. */
export function generateDemoPortfolio(opts: DemoOptions): { creditors: readonly DemoCreditor[]; debtors: DemoDebtor[] } {
  return { creditors: DEMO_CREDITORS, debtors: [...generateDemoDebtors(opts)] };
}
