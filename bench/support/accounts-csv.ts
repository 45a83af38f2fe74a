import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Synthetic accounts CSV for the import benchmark, shaped like a real core-system export:
 * every column of the contract, Indonesian phone and amount spellings mixed, ~1.3 accounts per
 * debtor with the debtor's details repeated on each row. Seeded, so two runs import the same bytes.
 */
export const ACCOUNT_CSV_COLUMNS = [
  'account_no', 'debtor_ref', 'debtor_name', 'phone', 'province', 'product', 'outstanding_idr', 'due_date',
  'nik', 'email', 'address', 'city', 'postal_code', 'birth_date', 'principal_idr', 'installment_idr',
  'tenor_months', 'va_number', 'creditor',
] as const;

const FIRST = ['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Joko', 'Putri', 'Andi', 'Wayan', 'Made', 'Yohanes', 'Fitri', 'Rizky', 'Nur', 'Eko', 'Ayu', 'Hendra', 'Sri', 'Bambang', 'Lestari'];
const LAST = ['Santoso', 'Rahmawati', 'Wijaya', 'Saputra', 'Lestari', 'Hidayat', 'Kurniawan', 'Wenda', 'Siregar', 'Nasution', 'Pratama', 'Gunawan', 'Sembiring', 'Tanjung', 'Mahendra'];
const STREETS = ['Jl. Melati', 'Jl. Sudirman', 'Jl. Pettarani', 'Jl. Diponegoro', 'Gg. Mawar', 'Jl. Ahmad Yani', 'Jl. Gatot Subroto'];
/** Province spelling as exports write it, its NIK code, and a city in it. */
const PLACES = [
  ['DKI Jakarta', '31', 'Jakarta Selatan'], ['Jabar', '32', 'Bandung'], ['Jawa Tengah', '33', 'Semarang'], ['Jatim', '35', 'Surabaya'],
  ['DIY', '34', 'Yogyakarta'], ['Banten', '36', 'Tangerang'], ['Sumatera Utara', '12', 'Medan'], ['Bali', '51', 'Denpasar'],
  ['Sulsel', '73', 'Makassar'], ['Kalimantan Timur', '64', 'Samarinda'], ['NTT', '53', 'Kupang'], ['Maluku', '81', 'Ambon'], ['Papua', '91', 'Jayapura'],
] as const;
const PRODUCTS = [['KTA', 12], ['Kartu Kredit', 0], ['Paylater', 6], ['Multiguna', 24]] as const;
const CREDITORS = ['BANKMAJU', 'KOPERASI-SEJAHTERA', 'FINTECH-NUSA'];

/** mulberry32: tiny, fast and seedable; quality is irrelevant here, repeatability is not. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

interface Debtor {
  ref: string;
  name: string;
  creditor: string;
  place: (typeof PLACES)[number];
  mobile: string; // national significant number, 8…
  nik: string | null;
  birthDate: string;
  email: string | null;
  address: string | null;
  postal: string;
}

function makeDebtor(i: number, rnd: () => number): Debtor {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const first = pick(FIRST);
  const last = pick(LAST);
  const place = pick(PLACES);
  const female = rnd() < 0.5;
  const y = 1960 + Math.floor(rnd() * 45);
  const m = 1 + Math.floor(rnd() * 12);
  const d = 1 + Math.floor(rnd() * 28);
  const nik = `${place[1]}${pad(1 + Math.floor(rnd() * 70), 2)}${pad(1 + Math.floor(rnd() * 30), 2)}${pad(female ? d + 40 : d, 2)}${pad(m, 2)}${pad(y % 100, 2)}${pad(1 + Math.floor(rnd() * 9998), 4)}`;
  return {
    ref: `D-${pad(i, 8)}`,
    name: `${first} ${last}`,
    creditor: pick(CREDITORS),
    place,
    mobile: `8${pick(['11', '12', '13', '21', '52', '57', '77', '95'])}${pad(i % 100_000_000, 8)}`,
    nik: rnd() < 0.85 ? nik : null,
    birthDate: `${y}-${pad(m, 2)}-${pad(d, 2)}`,
    email: rnd() < 0.7 ? `${first}.${last}${i}@example.co.id`.toLowerCase() : null,
    address: rnd() < 0.9 ? `${pick(STREETS)} No. ${1 + Math.floor(rnd() * 200)}, RT ${pad(1 + Math.floor(rnd() * 15), 3)}/RW ${pad(1 + Math.floor(rnd() * 9), 3)}` : null,
    postal: pad(10000 + Math.floor(rnd() * 89999), 5),
  };
}

function phoneSpelling(nsn: string, rnd: () => number): string {
  const r = rnd();
  if (r < 0.45) return `0${nsn}`;
  if (r < 0.7) return `+62${nsn}`;
  if (r < 0.85) return `62${nsn}`;
  return `0${nsn.slice(0, 3)}-${nsn.slice(3, 7)}-${nsn.slice(7)}`;
}

function amountSpelling(n: number, rnd: () => number): string {
  const r = rnd();
  if (r < 0.4) return String(n);
  if (r < 0.7) return grouped(n);
  if (r < 0.9) return `"Rp${grouped(n)},00"`;
  return `Rp ${grouped(n)}`;
}

function accountLine(acc: number, debtor: Debtor, today: Date, rnd: () => number): string {
  const [product, tenor] = PRODUCTS[Math.floor(rnd() * PRODUCTS.length)]!;
  const principal = (1 + Math.floor(rnd() * 200)) * 250_000;
  const outstanding = Math.floor(principal * (0.1 + rnd() * 0.9) / 1000) * 1000;
  const due = new Date(today.getTime() - Math.floor(rnd() * 420 - 30) * 86_400_000).toISOString().slice(0, 10);
  const cells = [
    `${product === 'Kartu Kredit' ? 'CC' : product.slice(0, 3).toUpperCase()}-${pad(acc, 9)}`,
    debtor.ref,
    debtor.name,
    phoneSpelling(debtor.mobile, rnd),
    debtor.place[0],
    product,
    amountSpelling(outstanding, rnd),
    due,
    debtor.nik ?? '',
    debtor.email ?? '',
    debtor.address === null ? '' : quote(debtor.address),
    debtor.place[2],
    debtor.postal,
    debtor.birthDate,
    tenor === 0 ? '' : amountSpelling(principal, rnd),
    tenor === 0 ? '' : amountSpelling(Math.ceil(principal / tenor / 1000) * 1000, rnd),
    tenor === 0 ? '' : String(tenor),
    `8808${pad(acc, 12)}`,
    debtor.creditor,
  ];
  return cells.join(',');
}

/** Yields the file in ~1,000-line chunks: a string per line would make the generator the bottleneck. */
export function* accountsCsvChunks(rows: number, opts: { seed?: number; today?: Date } = {}): Generator<string> {
  const rnd = prng(opts.seed ?? 42);
  const today = opts.today ?? new Date();
  let lines: string[] = [ACCOUNT_CSV_COLUMNS.join(',')];
  let acc = 0;
  for (let d = 1; acc < rows; d++) {
    const debtor = makeDebtor(d, rnd);
    const accounts = rnd() < 0.3 ? 2 : 1; // ~1.3 accounts per debtor
    for (let k = 0; k < accounts && acc < rows; k++) {
      lines.push(accountLine(++acc, debtor, today, rnd));
      if (lines.length >= 1000) {
        yield `${lines.join('\n')}\n`;
        lines = [];
      }
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/** Streams `rows` accounts to `file` without holding the file in memory. */
export async function writeAccountsCsv(file: string, rows: number, opts: { seed?: number; today?: Date } = {}): Promise<void> {
  await pipeline(Readable.from(accountsCsvChunks(rows, opts)), createWriteStream(file));
}
