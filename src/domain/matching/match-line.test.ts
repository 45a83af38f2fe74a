import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rupiah } from '../money.ts';
import { matchLine } from './match-line.ts';
import type { AccountCandidate, CandidateLookup, CreditLine } from './match-types.ts';
import { editDistance, nameScore } from './name-similarity.ts';
import { extractIdentifiers } from './normalize.ts';

const acc = (over: Partial<AccountCandidate> & { accountNo: string }): AccountCandidate => ({
  accountId: `id-${over.accountNo}`,
  vaNumber: null,
  status: 'active',
  outstanding: rupiah(5_000_000),
  installment: rupiah(1_250_000),
  expectedDueDate: '2026-11-20',
  pendingPromises: [],
  debtorName: null,
  ...over,
});
const budi = acc({ accountNo: '0123456789', vaNumber: '8808123456789', debtorName: 'Budi Santoso' });
const siti = acc({ accountNo: 'KTA-0002', vaNumber: '8808000000002', debtorName: 'Siti Rahmawati', installment: rupiah(750_000) });
const lookupOf = (accounts: AccountCandidate[], byAmount: AccountCandidate[] = []): CandidateLookup => ({
  byVa: new Map(accounts.filter((a) => a.vaNumber).map((a) => [a.vaNumber!, a])),
  byAccountNo: new Map(accounts.map((a) => [a.accountNo.replace(/[^A-Za-z0-9]/g, '').toUpperCase(), a])),
  byAmount,
});
const line = (over: Partial<CreditLine>): CreditLine => ({ amount: rupiah(1_250_000), valueDate: '2026-11-21', reference: '', description: '', ...over });

describe('extractIdentifiers', () => {
  it('finds digit runs, glued prefixes and split letter-digit account numbers', () => {
    expect(extractIdentifiers('VA8808123456789', 'TRF 0123456789 BUDI SANTOSO CICILAN NOV KTA-0002')).toEqual(
      expect.arrayContaining(['VA8808123456789', '8808123456789', '0123456789', 'KTA0002']),
    );
    expect(extractIdentifiers('', 'kta 0002 bayar')).toContain('KTA0002');
  });
});

describe('nameScore', () => {
  it('accepts typos, truncation, titles and Muhammad variants, and rejects a shared first name', () => {
    expect(nameScore('Budi Santoso', 'TRF 0123456789 BUDI SANTOSO CICILAN NOV')).toBe(1);
    expect(nameScore('Budi Santoso', 'TRF BPK BUDI SANTSO')).toBeGreaterThan(0.85);
    expect(nameScore('Budi Santoso', 'TRF BUDI SANTOS')).toBeGreaterThan(0.85);
    expect(nameScore('Muhammad Rizal Siregar', 'TRANSFER M RIZAL SIREGAR')).toBeGreaterThan(0.85);
    expect(nameScore('Budi Santoso', 'TRF BUDI HARTONO')).toBe(0);
    expect(nameScore('Budi Santoso', 'SETORAN TUNAI')).toBe(0);
  });
  it('edit distance counts a transposition as one edit', () => {
    expect(editDistance('SANTOSO', 'SANTSOO')).toBe(1);
    expect(editDistance('SANTOSO', 'SANTOSO')).toBe(0);
    expect(editDistance('ABCDEFG', 'XYZ', 2)).toBe(3);
  });
});

describe('matchLine', () => {
  const lookup = lookupOf([budi, siti]);

  it('books an exact VA reference automatically with confidence 1', () => {
    expect(matchLine(line({ reference: 'VA8808123456789' }), lookup)).toMatchObject({ status: 'matched', accountNo: '0123456789', rule: 'va_reference', confidence: 1 });
    expect(matchLine(line({ reference: 'KTA-0002', amount: rupiah(99) }), lookup)).toMatchObject({ status: 'matched', rule: 'account_reference' });
  });

  it('books an account number found in a noisy description only when the debtor name corroborates it', () => {
    const d = matchLine(line({ reference: 'NONREF', description: 'TRF 0123456789 BUDI SANTOSO CICILAN NOV', amount: rupiah(1_000_000) }), lookup);
    expect(d).toMatchObject({ status: 'matched', accountNo: '0123456789', rule: 'account_description' });
    expect(d.confidence).toBeGreaterThanOrEqual(0.9);
    // The expected amount alone does not: a mistyped number may be another account with the same instalment.
    const byAmount = matchLine(line({ description: 'SETORAN 0123456789' }), lookup);
    expect(byAmount.status).toBe('suggested');
  });

  it('only suggests an identifier in free text that nothing corroborates, or two accounts named in one line', () => {
    expect(matchLine(line({ description: 'PEMBAYARAN 0123456789', amount: rupiah(333_000) }), lookup).status).toBe('suggested');
    const two = matchLine(line({ description: 'TRF 0123456789 DAN KTA-0002 BUDI SANTOSO' }), lookup);
    expect(two.status).toBe('suggested');
    expect(two.candidates.map((c) => c.accountNo).sort()).toEqual(['0123456789', 'KTA-0002']);
  });

  it('books name + expected amount + date only when no other expected payer has a similar name', () => {
    const budiLain = acc({ accountNo: 'X-9', debtorName: 'Budi Santosa' });
    const agus = acc({ accountNo: 'X-7', debtorName: 'Agus Santoso' });
    const dewi = acc({ accountNo: 'X-8', debtorName: 'Dewi Lestari' });
    const noisy = line({ description: 'TRF DR BUDI SANTSO CICILAN' });
    expect(matchLine(noisy, lookupOf([], [budi, dewi, agus]))).toMatchObject({ status: 'matched', accountNo: '0123456789', rule: 'name_amount_date' });
    expect(matchLine(noisy, lookupOf([], [budi, budiLain, dewi])).status).toBe('suggested');
    // Someone whose middle name the sender dropped could have paid; someone sharing only the surname could not.
    const budiAdi = acc({ accountNo: 'X-6', debtorName: 'Budi Adi Santoso' });
    const oki = acc({ accountNo: 'X-5', debtorName: 'Oki Santoso' });
    expect(matchLine(line({ description: 'TRF BUDI SANTOSO' }), lookupOf([], [budi, budiAdi])).status).toBe('suggested');
    expect(matchLine(line({ description: 'TRF BUDI SANTOSO' }), lookupOf([], [budi, oki, agus]))).toMatchObject({ status: 'matched', accountNo: '0123456789' });
    // Right name, but the amount is not what the account expects near this date: not even a candidate.
    expect(matchLine(line({ description: 'TRF BUDI SANTOSO', amount: rupiah(1_250_001) }), lookupOf([], [budi])).status).toBe('unmatched');
    expect(matchLine(line({ description: 'TRF BUDI SANTOSO', valueDate: '2026-12-15' }), lookupOf([], [budi])).status).toBe('unmatched');
  });

  it('books the more specific name when the other expected payer explains a strict subset of its words', () => {
    const eko = acc({ accountNo: 'E-1', debtorName: 'Eko Sulistyo' });
    const ekoAdi = acc({ accountNo: 'E-2', debtorName: 'Eko Adi Sulistyo' });
    const andi = acc({ accountNo: 'E-3', debtorName: 'Andi Sulistyo' });
    // ADI is found: "Eko Sulistyo" (and "Andi Sulistyo", ANDI one typo from ADI) explain only part of what "Eko Adi Sulistyo" does.
    expect(matchLine(line({ description: 'TRF DARI EKO ADI SULISTIO ANGSURAN' }), lookupOf([], [eko, ekoAdi, andi]))).toMatchObject({ status: 'matched', accountNo: 'E-2', rule: 'name_amount_date' });
    // A typo in the middle name still counts; the dropped middle name stays ambiguous (Eko Adi may have written EKO SULISTYO).
    expect(matchLine(line({ description: 'HANA KUSMA LUBIS' }), lookupOf([], [acc({ accountNo: 'H-1', debtorName: 'Hana Lubis' }), acc({ accountNo: 'H-2', debtorName: 'Hana Kusuma Lubis' })]))).toMatchObject({ status: 'matched', accountNo: 'H-2' });
    expect(matchLine(line({ description: 'TRF EKO SULISTYO' }), lookupOf([], [eko, ekoAdi])).status).toBe('suggested');
    // A transfer word one typo from a middle name (DARI / Sari) explains nothing.
    const hadiSari = acc({ accountNo: 'R-1', debtorName: 'Hadi Sari Rusdi' });
    const hadi = acc({ accountNo: 'R-2', debtorName: 'Hadi Rusdi' });
    expect(matchLine(line({ description: 'TRF DARI SDR HADI RUSD ANGSURAN' }), lookupOf([], [hadiSari, hadi])).status).toBe('suggested');
  });

  it('tells same-named payers apart only by an account number one digit off in the description', () => {
    const twinA = acc({ accountNo: '7000135349', debtorName: 'Ayu Eka Karo' });
    const twinB = acc({ accountNo: '7000999349', debtorName: 'Ayu Eka Karo' });
    expect(matchLine(line({ description: 'TRF AYU EKA KARO' }), lookupOf([], [twinA, twinB])).status).toBe('suggested');
    // 7000135389 is no account: one digit off twin A's number.
    expect(matchLine(line({ description: 'TRF 7000135389 AYU EKA KARO' }), lookupOf([], [twinA, twinB]))).toMatchObject({ status: 'matched', accountNo: '7000135349', rule: 'account_typo_name_amount' });
    // A mistyped number that is another account of someone else: fall back to name + amount + date.
    const other = acc({ accountNo: '7000135389', debtorName: 'Joko Pardede', installment: rupiah(300_000) });
    expect(matchLine(line({ description: 'TRF 7000135389 AYU EKA KARO' }), lookupOf([other], [twinA]))).toMatchObject({ status: 'matched', accountNo: '7000135349', rule: 'name_amount_date' });
    // ... that is a same-named account, while its neighbour expects exactly this amount: a person decides.
    const sameName = acc({ accountNo: '7000135389', debtorName: 'Ayu Eka Karo', installment: rupiah(300_000) });
    const d = matchLine(line({ description: 'TRF 7000135389 AYU EKA KARO' }), lookupOf([sameName], [twinA]));
    expect(d.status).toBe('suggested');
    expect(d.candidates.map((c) => c.accountNo).sort()).toEqual(['7000135349', '7000135389']);
    // The number and the name agree but the amount cannot be this account's (more than it owes): never fall back to
    // a namesake who expects the amount — a person decides.
    const owesLittle = acc({ accountNo: '7000338160', debtorName: 'Made Purba', outstanding: rupiah(1_000_000) });
    const namesake = acc({ accountNo: '7000138036', debtorName: 'Made Purba', installment: rupiah(1_500_000) });
    expect(matchLine(line({ description: 'TRF 7000338160 MADE PURBA CICILAN OKT', amount: rupiah(1_500_000) }), lookupOf([owesLittle], [namesake])).status).toBe('suggested');
    // Without a neighbour one digit off, the exact number and the name book even if someone else expects the amount.
    expect(matchLine(line({ description: 'TRF 7000135389 AYU EKA KARO' }), lookupOf([sameName], [twinB]))).toMatchObject({ status: 'matched', accountNo: '7000135389', rule: 'account_description' });
  });

  it('never books on amount and date alone, however unique', () => {
    const d = matchLine(line({ description: 'SETORAN TUNAI' }), lookupOf([], [budi]));
    expect(d).toMatchObject({ status: 'suggested', rule: 'amount_date', accountNo: '0123456789' });
    expect(d.confidence).toBeLessThan(0.9);
  });

  it('matches a pending promise amount near its date', () => {
    const promised = acc({ accountNo: 'P-1', debtorName: 'Eko Prasetyo', installment: null, pendingPromises: [{ amount: rupiah(400_000), promisedDate: '2026-11-22' }] });
    expect(matchLine(line({ description: 'EKO PRASETYO JANJI BAYAR', amount: rupiah(400_000) }), lookupOf([], [promised]))).toMatchObject({ status: 'matched', accountNo: 'P-1' });
  });

  it('property: two payers with the same name and the same expected amount are never booked without a number', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('Budi Santoso', 'Eko Adi Sulistyo', 'M Nur Hidayat'), fc.boolean(), (noise, name, extra) => {
        const a = acc({ accountNo: 'T-1', debtorName: name });
        const b = acc({ accountNo: 'T-2', debtorName: name, expectedDueDate: '2026-11-25' });
        const others = extra ? [acc({ accountNo: 'T-3', debtorName: 'Dewi Lestari' })] : [];
        expect(matchLine(line({ description: `${noise.replace(/\d/g, '')} ${name.toUpperCase()}` }), lookupOf([], [a, ...others, b])).status).not.toBe('matched');
      }),
    );
  });

  it('property: without an exact reference, a line naming no identifier never auto-matches an account whose debtor it does not name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('Budi Santoso', 'Siti Rahmawati'), (noise, name) => {
        const d = matchLine(line({ description: `${noise.replace(/\d/g, '')} ${name.toUpperCase()}` }), lookupOf([], [budi, { ...siti, installment: rupiah(1_250_000) }]));
        if (d.status === 'matched') expect(d.accountNo).toBe(name === 'Budi Santoso' ? '0123456789' : 'KTA-0002');
      }),
    );
  });
});
