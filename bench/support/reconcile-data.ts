/**
 * Synthetic portfolio and statement for the reconciliation benchmark. The portfolio is defined by formulas of the
 * account index `i` so PostgreSQL can generate a million accounts with `generate_series` and the statement
 * generator can compute any account's VA, number, name, instalment and due date without querying.
 */
const FIRST = 'Budi,Siti,Agus,Dewi,Eko,Sri,Joko,Ratna,Bambang,Ayu,Asep,Euis,Rizal,Fitri,Hendra,Lestari,Made,Ketut,Wayan,Putu,Yohanes,Maria,Andi,Nurul,Dedi,Rina,Hadi,Wulan,Teguh,Indah,Rahmat,Yuni,Fajar,Intan,Bayu,Citra,Dimas,Eka,Gilang,Hana,Irfan,Jihan,Kurnia,Lukman,Mega,Nanda,Oki,Putri,Reza,Sinta,Taufik,Umi,Vina,Wahyu,Yusuf,Zahra,Arif,Bunga,Cahya,Dian'.split(',');
const LAST = 'Santoso,Rahmawati,Wibowo,Lestari,Prasetyo,Wahyuni,Susilo,Handayani,Nugroho,Kusumawati,Hidayat,Setiawan,Siregar,Nasution,Simanjuntak,Harahap,Saputra,Pratama,Gunawan,Kurniawan,Wijaya,Halim,Tanjung,Sinaga,Purba,Lubis,Manurung,Sitorus,Pardede,Hutapea,Rusdi,Syahputra,Firmansyah,Ramadhan,Permana,Hermawan,Sulistyo,Utomo,Wicaksono,Nainggolan,Tambunan,Panjaitan,Situmorang,Daulay,Batubara,Pohan,Matondang,Rangkuti,Ginting,Sembiring,Tarigan,Karo,Bangun,Sebayang,Pelawi,Surbakti,Barus,Keliat,Sitepu,Meliala'.split(',');
const MIDDLE = 'Adi,Putra,Dwi,Tri,Nur,Eka,Sari,Indra,Jaya,Kusuma'.split(',');

export interface BenchAccount {
  readonly i: number;
  readonly accountNo: string;
  readonly va: string;
  readonly name: string;
  readonly installment: number;
  readonly dueDate: string;
  readonly outstanding: number;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Same formulas as `portfolioSql`. */
/**
 * Multiplicative hashes spread names independently of instalment amounts and due dates (both linear in `i`). The
 * HIGH 16 bits of the 32-bit product are used (Knuth's multiplicative hashing): the low bits are not independent of
 * `i` modulo small numbers — accounts with the same instalment differ by multiples of 4,800, a multiple of 60, so the
 * low bits modulo 60 picked the same first and last name for most of them and made a third of all payers share their
 * name and instalment with another account (4.9 % with the high bits, as independent draws would).
 */
const H1 = 2654435761;
const H2 = 2246822519;
const H3 = 3266489917;
const hash = (i: number, h: number) => Math.floor(((i * h) % 4294967296) / 65536);

export function accountAt(i: number): BenchAccount {
  const first = FIRST[hash(i, H1) % FIRST.length]!;
  const last = LAST[hash(i, H2) % LAST.length]!;
  const m = hash(i, H3) % 30;
  const middle = m < MIDDLE.length ? `${MIDDLE[m]!} ` : '';
  const installment = (200 + ((i * 7919) % 4800)) * 1000;
  const due = new Date(Date.UTC(2026, 10, 1 + ((i * 31) % 28)));
  return {
    i,
    accountNo: `7${pad(i, 9)}`,
    va: `8808${pad(i, 12)}`,
    name: `${first} ${middle}${last}`,
    installment,
    dueDate: due.toISOString().slice(0, 10),
    outstanding: installment * (2 + (i % 10)),
  };
}

const arr = (xs: readonly string[]) => `(array[${xs.map((x) => `'${x}'`).join(',')}])`;

/** SQL statements generating the portfolio of `n` accounts (one debtor each), with the formulas of `accountAt`. */
export function portfolioSql(n: number): string[] {
  const F = FIRST.length;
  const L = LAST.length;
  const M = MIDDLE.length;
  return [
    `insert into creditors (code, name) values ('BENCH', 'Bench Bank') on conflict do nothing`,
    `insert into debtors (id, creditor_id, debtor_ref, full_name, timezone)
     select md5('d' || i)::uuid, (select id from creditors where code = 'BENCH'), 'D' || i,
            ${arr(FIRST)}[1 + (i::bigint * ${H1}) % 4294967296 / 65536 % ${F}] || ' '
            || case when (i::bigint * ${H3}) % 4294967296 / 65536 % 30 < ${M} then ${arr(MIDDLE)}[1 + (i::bigint * ${H3}) % 4294967296 / 65536 % 30] || ' ' else '' end
            || ${arr(LAST)}[1 + (i::bigint * ${H2}) % 4294967296 / 65536 % ${L}], 'Asia/Jakarta'
       from generate_series(1, ${n}) as i`,
    `insert into accounts (creditor_id, debtor_id, account_no, product, outstanding_idr, installment_idr, oldest_unpaid_due_date,
                           dpd, bucket, kol, delinquency_as_of, va_number)
     select (select id from creditors where code = 'BENCH'), md5('d' || i)::uuid, '7' || lpad(i::text, 9, '0'), 'KTA',
            (200 + (i::bigint * 7919) % 4800) * 1000 * (2 + i % 10), (200 + (i::bigint * 7919) % 4800) * 1000,
            date '2026-11-01' + ((i::bigint * 31) % 28)::int, 0, 'current', 1, '2026-11-01', '8808' || lpad(i::text, 12, '0')
       from generate_series(1, ${n}) as i`,
    // Vacuum, not just analyze: a freshly loaded table has an empty visibility map, so the covering lookups of
    // migration 0220 would still visit the heap for every candidate (autovacuum does this for a live portfolio).
    `vacuum analyze debtors`,
    `vacuum analyze accounts`,
  ];
}

/** Small seeded PRNG (mulberry32): the same seed gives the same statement. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const LINE_KINDS = [
  ['va_reference', 42],
  ['account_in_description', 24],
  ['name_typo_amount', 22],
  ['amount_only', 2],
  ['typo_account_number', 1],
  ['decoy_vendor', 4],
  ['decoy_name_wrong_amount', 3],
  ['debit_with_va', 2],
] as const;
export type LineKind = (typeof LINE_KINDS)[number][0];

export interface TruthLine {
  readonly kind: LineKind;
  /** The account that really paid, or null (decoys, debits). */
  readonly accountNo: string | null;
  readonly credit: boolean;
}

/** One misspelling: substitute, drop or swap a letter in the longest name part, or cut it short. */
function typo(name: string, r: () => number): string {
  const parts = name.toUpperCase().split(' ');
  let k = 0;
  for (let j = 1; j < parts.length; j += 1) if (parts[j]!.length > parts[k]!.length) k = j;
  const w = parts[k]!;
  const p = 1 + Math.floor(r() * (w.length - 2));
  const op = Math.floor(r() * 4);
  parts[k] =
    op === 0 ? w.slice(0, p) + 'AEIOU'[Math.floor(r() * 5)] + w.slice(p + 1) : op === 1 ? w.slice(0, p) + w.slice(p + 1) : op === 2 ? w.slice(0, p - 1) + w[p] + w[p - 1] + w.slice(p + 1) : w.slice(0, Math.max(4, w.length - 1));
  return parts.join(' ');
}

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const MONTHS = ['OKT', 'NOV', 'DES'];

/** A generic-preset CSV statement of `lines` lines over a portfolio of `n` accounts, with the truth of each line. */
export function statementCsv(n: number, lines: number, seed: number): { csv: string; truth: TruthLine[] } {
  const r = prng(seed);
  const pick = () => accountAt(1 + Math.floor(r() * n));
  // A partial or double payment: half to twice the instalment, whole thousands.
  const other = (a: BenchAccount) => Math.max(1000, Math.round((a.installment * (0.5 + 1.5 * r())) / 1000) * 1000);
  const total = LINE_KINDS.reduce((s, [, w]) => s + w, 0);
  const out: string[] = ['date,description,amount,reference,currency'];
  const truth: TruthLine[] = [];
  for (let l = 0; l < lines; l += 1) {
    let x = r() * total;
    let kind: LineKind = 'va_reference';
    for (const [k, w] of LINE_KINDS) {
      if (x < w) {
        kind = k;
        break;
      }
      x -= w;
    }
    const a = pick();
    const near = addDays(a.dueDate, Math.floor(r() * 9) - 3);
    const title = r() < 0.3 ? (r() < 0.5 ? 'BPK ' : 'SDR ') : '';
    let row: [string, string, number, string];
    let payer: string | null = a.accountNo;
    switch (kind) {
      case 'va_reference':
        row = [near, `SETORAN VA ${Math.floor(r() * 1e6)}`, r() < 0.7 ? a.installment : other(a), `VA${a.va}`];
        break;
      case 'account_in_description': {
        const nm = r() < 0.3 ? typo(a.name, r) : a.name.toUpperCase();
        const amount = r() < 0.6 ? a.installment : other(a);
        const t = Math.floor(r() * 3);
        const desc = t === 0 ? `TRF ${a.accountNo} ${nm} CICILAN ${MONTHS[Math.floor(r() * 3)]}` : t === 1 ? `${title}${nm} BAYAR ANGSURAN NO ${a.accountNo}` : `PINDAHBUKU/${a.accountNo}/${nm}`;
        row = [near, desc, amount, r() < 0.5 ? 'NONREF' : ''];
        break;
      }
      case 'name_typo_amount':
        row = [near, `TRF DARI ${title}${r() < 0.7 ? typo(a.name, r) : a.name.toUpperCase()} ANGSURAN ${MONTHS[Math.floor(r() * 3)]}`, a.installment, ''];
        break;
      case 'amount_only':
        row = [near, 'SETORAN TUNAI', a.installment, ''];
        break;
      case 'typo_account_number': {
        const digits = a.accountNo.split('');
        const p = 4 + Math.floor(r() * 6);
        digits[p] = String((Number(digits[p]) + 1 + Math.floor(r() * 8)) % 10);
        row = [near, `TRF ${digits.join('')} ${a.name.toUpperCase()}`, a.installment, ''];
        break;
      }
      case 'decoy_vendor':
        payer = null;
        row = [near, `TRF KE 3${String(Math.floor(r() * 1e9)).padStart(9, '0')} PT SUMBER REJEKI PEMBAYARAN INV ${Math.floor(r() * 1e5)}`, 1000 * (1 + Math.floor(r() * 50000)), ''];
        break;
      case 'decoy_name_wrong_amount':
        payer = null;
        row = [near, `TRF ${a.name.toUpperCase()} TITIPAN`, a.installment + 1234, ''];
        break;
      case 'debit_with_va':
        payer = null;
        row = [near, `KOREKSI VA ${a.va}`, -a.installment, `VA${a.va}`];
        break;
    }
    out.push(`${row[0]},${row[1]},${row[2]},${row[3]},IDR`);
    truth.push({ kind, accountNo: payer, credit: row[2] > 0 });
  }
  return { csv: out.join('\n'), truth };
}

/**
 * Lines whose payer cannot be inferred from the line itself (reported, never used to grade): `amount_only` lines
 * (no name, no number), and name lines whose payer has a namesake — another account with the very same name whose
 * instalment is the same amount and falls due within `window` days of the value date. Both are correct candidates
 * for any rule; only a person (or the debtor) can tell. Returns indexes into `truth`.
 */
export function indistinguishableLines(n: number, csv: string, truth: readonly TruthLine[], window: number): Set<number> {
  const byInstallment = new Map<number, number[]>();
  for (let i = 1; i <= n; i += 1) {
    const inst = (200 + ((i * 7919) % 4800)) * 1000;
    const list = byInstallment.get(inst);
    if (list) list.push(i);
    else byInstallment.set(inst, [i]);
  }
  const rows = csv.split('\n').slice(1);
  const out = new Set<number>();
  for (const [k, t] of truth.entries()) {
    if (t.kind === 'amount_only') out.add(k);
    if (t.kind !== 'name_typo_amount' || t.accountNo === null) continue;
    const [date, , amount] = rows[k]!.split(',');
    const payer = accountAt(Number(t.accountNo.slice(1)));
    const day = Date.parse(`${date!}T00:00:00Z`);
    const namesake = (byInstallment.get(Number(amount)) ?? []).some((i) => {
      if (i === payer.i) return false;
      const a = accountAt(i);
      return a.name === payer.name && Math.abs(Date.parse(`${a.dueDate}T00:00:00Z`) - day) <= window * 86_400_000;
    });
    if (namesake) out.add(k);
  }
  return out;
}
