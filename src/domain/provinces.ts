import { IANAZone } from 'luxon';

/** Indonesia's three time zones: WIB, WITA, WIT. Contact hours are judged in these. */
export const INDONESIAN_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type IndonesianZone = (typeof INDONESIAN_ZONES)[number];

export interface Province {
  /**
   * Two-digit Kemendagri region code — the first two digits of every NIK. It equals the BPS
   * code everywhere except the Papua provinces, where the two numbering schemes diverge; the
   * NIK's code is the one debtor data carries, so it is the key here (BPS in `bpsCode`).
   */
  readonly code: string;
  /** BPS statistical code (differs from `code` only in Papua). */
  readonly bpsCode: string;
  /** Official Indonesian name. */
  readonly name: string;
  readonly zone: IndonesianZone;
  readonly aliases: readonly string[];
}

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const WIT = 'Asia/Jayapura';

/**
 * All 38 provinces (since the 2022 Papua split). Aliases cover the abbreviations and English
 * names that appear in core-system exports, so an address column can be resolved to a zone.
 */
export const PROVINCES = [
  { code: '11', bpsCode: '11', name: 'Aceh', zone: WIB, aliases: ['Nanggroe Aceh Darussalam', 'NAD', 'Daerah Istimewa Aceh'] },
  { code: '12', bpsCode: '12', name: 'Sumatera Utara', zone: WIB, aliases: ['Sumut', 'Sumatra Utara', 'North Sumatra', 'North Sumatera'] },
  { code: '13', bpsCode: '13', name: 'Sumatera Barat', zone: WIB, aliases: ['Sumbar', 'Sumatra Barat', 'West Sumatra', 'West Sumatera'] },
  { code: '14', bpsCode: '14', name: 'Riau', zone: WIB, aliases: [] },
  { code: '15', bpsCode: '15', name: 'Jambi', zone: WIB, aliases: [] },
  { code: '16', bpsCode: '16', name: 'Sumatera Selatan', zone: WIB, aliases: ['Sumsel', 'Sumatra Selatan', 'South Sumatra', 'South Sumatera'] },
  { code: '17', bpsCode: '17', name: 'Bengkulu', zone: WIB, aliases: [] },
  { code: '18', bpsCode: '18', name: 'Lampung', zone: WIB, aliases: [] },
  { code: '19', bpsCode: '19', name: 'Kepulauan Bangka Belitung', zone: WIB, aliases: ['Bangka Belitung', 'Babel', 'Bangka Belitung Islands'] },
  { code: '21', bpsCode: '21', name: 'Kepulauan Riau', zone: WIB, aliases: ['Kepri', 'Riau Islands'] },
  {
    code: '31',
    bpsCode: '31',
    name: 'DKI Jakarta',
    zone: WIB,
    aliases: ['Jakarta', 'DKI', 'Daerah Khusus Ibukota Jakarta', 'Daerah Khusus Ibu Kota Jakarta', 'Daerah Khusus Jakarta', 'DKJ', 'Jakarta Raya'],
  },
  { code: '32', bpsCode: '32', name: 'Jawa Barat', zone: WIB, aliases: ['Jabar', 'West Java', 'Java Barat'] },
  { code: '33', bpsCode: '33', name: 'Jawa Tengah', zone: WIB, aliases: ['Jateng', 'Central Java'] },
  {
    code: '34',
    bpsCode: '34',
    name: 'Daerah Istimewa Yogyakarta',
    zone: WIB,
    aliases: ['DI Yogyakarta', 'DIY', 'Yogyakarta', 'Jogja', 'Yogya', 'Jogjakarta', 'Djogjakarta', 'Special Region of Yogyakarta'],
  },
  { code: '35', bpsCode: '35', name: 'Jawa Timur', zone: WIB, aliases: ['Jatim', 'East Java'] },
  { code: '36', bpsCode: '36', name: 'Banten', zone: WIB, aliases: [] },
  { code: '51', bpsCode: '51', name: 'Bali', zone: WITA, aliases: [] },
  { code: '52', bpsCode: '52', name: 'Nusa Tenggara Barat', zone: WITA, aliases: ['NTB', 'West Nusa Tenggara'] },
  { code: '53', bpsCode: '53', name: 'Nusa Tenggara Timur', zone: WITA, aliases: ['NTT', 'East Nusa Tenggara'] },
  { code: '61', bpsCode: '61', name: 'Kalimantan Barat', zone: WIB, aliases: ['Kalbar', 'West Kalimantan'] },
  { code: '62', bpsCode: '62', name: 'Kalimantan Tengah', zone: WIB, aliases: ['Kalteng', 'Central Kalimantan'] },
  { code: '63', bpsCode: '63', name: 'Kalimantan Selatan', zone: WITA, aliases: ['Kalsel', 'South Kalimantan'] },
  { code: '64', bpsCode: '64', name: 'Kalimantan Timur', zone: WITA, aliases: ['Kaltim', 'East Kalimantan'] },
  { code: '65', bpsCode: '65', name: 'Kalimantan Utara', zone: WITA, aliases: ['Kaltara', 'North Kalimantan'] },
  { code: '71', bpsCode: '71', name: 'Sulawesi Utara', zone: WITA, aliases: ['Sulut', 'North Sulawesi'] },
  { code: '72', bpsCode: '72', name: 'Sulawesi Tengah', zone: WITA, aliases: ['Sulteng', 'Central Sulawesi'] },
  { code: '73', bpsCode: '73', name: 'Sulawesi Selatan', zone: WITA, aliases: ['Sulsel', 'South Sulawesi'] },
  { code: '74', bpsCode: '74', name: 'Sulawesi Tenggara', zone: WITA, aliases: ['Sultra', 'Southeast Sulawesi'] },
  { code: '75', bpsCode: '75', name: 'Gorontalo', zone: WITA, aliases: [] },
  { code: '76', bpsCode: '76', name: 'Sulawesi Barat', zone: WITA, aliases: ['Sulbar', 'West Sulawesi'] },
  { code: '81', bpsCode: '81', name: 'Maluku', zone: WIT, aliases: [] },
  { code: '82', bpsCode: '82', name: 'Maluku Utara', zone: WIT, aliases: ['Malut', 'North Maluku'] },
  { code: '91', bpsCode: '94', name: 'Papua', zone: WIT, aliases: ['Irian Jaya'] },
  { code: '92', bpsCode: '91', name: 'Papua Barat', zone: WIT, aliases: ['Pabar', 'West Papua', 'Irian Jaya Barat'] },
  { code: '93', bpsCode: '95', name: 'Papua Selatan', zone: WIT, aliases: ['South Papua', 'Pasel'] },
  { code: '94', bpsCode: '96', name: 'Papua Tengah', zone: WIT, aliases: ['Central Papua', 'Papteng'] },
  { code: '95', bpsCode: '97', name: 'Papua Pegunungan', zone: WIT, aliases: ['Highland Papua', 'Papua Pegunungan Tengah'] },
  { code: '96', bpsCode: '92', name: 'Papua Barat Daya', zone: WIT, aliases: ['Southwest Papua', 'PBD'] },
] as const satisfies readonly Province[];

/**
 * Reduces a province spelling to a comparison key: case, accents, spaces and punctuation
 * dropped, a leading "Provinsi"/"Prov." removed and "Kep." read as "Kepulauan".
 */
function keyOf(input: string): string {
  const tokens = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
  if (tokens[0] === 'provinsi' || tokens[0] === 'propinsi' || tokens[0] === 'prov' || tokens[0] === 'province') tokens.shift();
  if (tokens.at(-1) === 'province') tokens.pop();
  return tokens.map((t) => (t === 'kep' ? 'kepulauan' : t)).join('');
}

const BY_KEY: ReadonlyMap<string, Province> = (() => {
  const map = new Map<string, Province>();
  for (const p of PROVINCES) {
    for (const spelling of [p.code, p.name, ...p.aliases]) {
      const key = keyOf(spelling);
      const existing = map.get(key);
      if (existing && existing !== p) throw new Error(`province alias "${spelling}" is ambiguous`);
      map.set(key, p);
    }
  }
  return map;
})();

/**
 * Finds a province from how it is written in imported data: official name, common alias
 * (`Jabar`, `Jogja`, `NTB`, `Kepri`…), English name or the two-digit Kemendagri/NIK code.
 * Insensitive to case, spacing and punctuation. Returns undefined rather than guessing.
 *
 * @example resolveProvince('D.I. Yogyakarta')?.zone // 'Asia/Jakarta'
 */
export function resolveProvince(input: string): Province | undefined {
  return BY_KEY.get(keyOf(input));
}

/** The time zone contact rules must use for a debtor in this province, if it resolves. */
export function zoneForProvince(input: string): IndonesianZone | undefined {
  return resolveProvince(input)?.zone;
}

/** Looks a province up by the first two digits of a NIK (Kemendagri code). */
export function provinceByCode(code: string): Province | undefined {
  return PROVINCES.find((p) => p.code === code);
}

/** True when `zone` is an IANA zone the runtime knows, so config and imports can reject typos. */
export function isIanaZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export function isIndonesianZone(zone: string): zone is IndonesianZone {
  return (INDONESIAN_ZONES as readonly string[]).includes(zone);
}
