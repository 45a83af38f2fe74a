import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INDONESIAN_ZONES,
  isIanaZone,
  isIndonesianZone,
  PROVINCES,
  provinceByCode,
  resolveProvince,
  zoneForProvince,
} from './provinces.ts';

/** Expected zone per province, written independently of the table from DOMAIN.md. */
const EXPECTED_ZONE: Record<string, string> = {
  Aceh: 'Asia/Jakarta',
  'Sumatera Utara': 'Asia/Jakarta',
  'Sumatera Barat': 'Asia/Jakarta',
  Riau: 'Asia/Jakarta',
  Jambi: 'Asia/Jakarta',
  'Sumatera Selatan': 'Asia/Jakarta',
  Bengkulu: 'Asia/Jakarta',
  Lampung: 'Asia/Jakarta',
  'Kepulauan Bangka Belitung': 'Asia/Jakarta',
  'Kepulauan Riau': 'Asia/Jakarta',
  'DKI Jakarta': 'Asia/Jakarta',
  'Jawa Barat': 'Asia/Jakarta',
  'Jawa Tengah': 'Asia/Jakarta',
  'Daerah Istimewa Yogyakarta': 'Asia/Jakarta',
  'Jawa Timur': 'Asia/Jakarta',
  Banten: 'Asia/Jakarta',
  'Kalimantan Barat': 'Asia/Jakarta',
  'Kalimantan Tengah': 'Asia/Jakarta',
  Bali: 'Asia/Makassar',
  'Nusa Tenggara Barat': 'Asia/Makassar',
  'Nusa Tenggara Timur': 'Asia/Makassar',
  'Kalimantan Selatan': 'Asia/Makassar',
  'Kalimantan Timur': 'Asia/Makassar',
  'Kalimantan Utara': 'Asia/Makassar',
  'Sulawesi Utara': 'Asia/Makassar',
  'Sulawesi Tengah': 'Asia/Makassar',
  'Sulawesi Selatan': 'Asia/Makassar',
  'Sulawesi Tenggara': 'Asia/Makassar',
  Gorontalo: 'Asia/Makassar',
  'Sulawesi Barat': 'Asia/Makassar',
  Maluku: 'Asia/Jayapura',
  'Maluku Utara': 'Asia/Jayapura',
  Papua: 'Asia/Jayapura',
  'Papua Barat': 'Asia/Jayapura',
  'Papua Selatan': 'Asia/Jayapura',
  'Papua Tengah': 'Asia/Jayapura',
  'Papua Pegunungan': 'Asia/Jayapura',
  'Papua Barat Daya': 'Asia/Jayapura',
};

describe('PROVINCES table', () => {
  it('has all 38 provinces with unique codes and names', () => {
    expect(PROVINCES).toHaveLength(38);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(38);
    expect(new Set(PROVINCES.map((p) => p.bpsCode)).size).toBe(38);
    expect(new Set(PROVINCES.map((p) => p.name))).toEqual(new Set(Object.keys(EXPECTED_ZONE)));
  });

  it.each(Object.entries(EXPECTED_ZONE))('%s is in %s', (name, zone) => {
    expect(zoneForProvince(name)).toBe(zone);
  });

  it('uses only the three Indonesian zones, all valid IANA names', () => {
    for (const p of PROVINCES) expect(INDONESIAN_ZONES).toContain(p.zone);
    for (const z of INDONESIAN_ZONES) expect(isIanaZone(z)).toBe(true);
  });

  it('keys by the NIK (Kemendagri) code, keeping the BPS code beside it for Papua', () => {
    expect(provinceByCode('31')?.name).toBe('DKI Jakarta');
    expect(provinceByCode('91')?.name).toBe('Papua');
    expect(provinceByCode('92')?.name).toBe('Papua Barat');
    expect(provinceByCode('95')?.name).toBe('Papua Pegunungan');
    expect(provinceByCode('96')?.bpsCode).toBe('92');
    expect(provinceByCode('00')).toBeUndefined();
  });
});

describe('resolveProvince', () => {
  it.each([
    ['DKI Jakarta', '31'],
    ['Jakarta', '31'],
    ['dki  jakarta', '31'],
    ['D.K.I. Jakarta', '31'],
    ['Daerah Khusus Jakarta', '31'],
    ['DI Yogyakarta', '34'],
    ['D.I. Yogyakarta', '34'],
    ['Yogyakarta', '34'],
    ['Jogja', '34'],
    ['DIY', '34'],
    ['Jabar', '32'],
    ['JAWA BARAT', '32'],
    ['Prov. Jawa Barat', '32'],
    ['Provinsi Jawa Tengah', '33'],
    ['Jateng', '33'],
    ['Jatim', '35'],
    ['East Java', '35'],
    ['NTB', '52'],
    ['N.T.T.', '53'],
    ['Kalbar', '61'],
    ['Sulsel', '73'],
    ['Babel', '19'],
    ['Kep. Bangka Belitung', '19'],
    ['Kepri', '21'],
    ['Kep. Riau', '21'],
    ['Riau', '14'],
    ['Sumatra Utara', '12'],
    ['Papua', '91'],
    ['papua-barat-daya', '96'],
    ['Papua Tengah', '94'],
    ['31', '31'],
    [' 73 ', '73'],
  ])('%j → %s', (input, code) => {
    expect(resolveProvince(input)?.code).toBe(code);
  });

  it.each(['', 'Atlantis', 'Jawa', 'Sumatera', '99', '3', 'Kalimantan', 'Sulawesi'])('does not guess %j', (input) => {
    expect(resolveProvince(input)).toBeUndefined();
  });

  it('resolves every name, alias and code regardless of case and spacing (property)', () => {
    const spellings = PROVINCES.flatMap((p) => [p.code, p.name, ...p.aliases].map((s) => [s, p.code] as const));
    fc.assert(
      fc.property(fc.constantFrom(...spellings), fc.boolean(), fc.constantFrom(' ', '  ', '-', '.'), ([spelling, code], upper, sep) => {
        const variant = (upper ? spelling.toUpperCase() : spelling.toLowerCase()).replace(/ /g, sep);
        expect(resolveProvince(variant)?.code).toBe(code);
      }),
    );
  });
});

describe('zones', () => {
  it('isIanaZone rejects typos and accepts real zones', () => {
    expect(isIanaZone('Asia/Makassar')).toBe(true);
    expect(isIanaZone('Europe/Amsterdam')).toBe(true);
    expect(isIanaZone('Asia/Makasar')).toBe(false);
    expect(isIanaZone('WIB')).toBe(false);
    expect(isIanaZone('')).toBe(false);
  });

  it('isIndonesianZone narrows to the three zones', () => {
    expect(isIndonesianZone('Asia/Jayapura')).toBe(true);
    expect(isIndonesianZone('Asia/Singapore')).toBe(false);
  });

  it('zoneForProvince is undefined for unknown input', () => {
    expect(zoneForProvince('Narnia')).toBeUndefined();
  });
});
