import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStatement } from './parse-statement.ts';
import { StatementParseError } from './statement-error.ts';
import type { StatementFormat, StatementParseResult } from './statement-types.ts';
import { fixture } from '../../../test/fixtures/statements/read-fixture.ts';

const MT940 = [
  fixture('mt940-mandiri-idr.sta'),
  fixture('mt940-de-structured-latin1.sta', 'latin1'),
  fixture('mt940-multi-page.sta'),
  fixture('mt940-year-end.sta'),
  fixture('mt940-reversals.sta'),
];
const CSV = [fixture('csv-generic.csv'), fixture('csv-generic-semicolon.csv'), fixture('csv-bca.csv'), fixture('csv-mandiri.csv')];

/** Characters that matter to the parsers, so mutations hit syntax rather than only free text. */
const SYNTAX = fc.constantFrom(':', '6', '1', '0', '9', ',', '.', ';', '"', '\n', '\r', '-', '}', '{', 'C', 'D', 'R', '?', ' ', 'N', 'Rp', ':61:', ':86:', ':20:', 'ü', '\uFEFF');

type Mutation = (text: string) => string;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at) => (t: string) => t.slice(0, at % (t.length + 1))),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 20 })).map(([at, n]) => (t: string) => t.slice(0, at % (t.length + 1)) + t.slice((at % (t.length + 1)) + n)),
  fc.tuple(fc.nat(), fc.oneof(SYNTAX, fc.string({ maxLength: 6 }))).map(([at, s]) => (t: string) => t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1))),
  fc.tuple(fc.nat(), SYNTAX).map(([at, s]) => (t: string) => t.slice(0, at % (t.length + 1)) + s + t.slice((at % (t.length + 1)) + 1)),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) => {
    const lines = t.split('\n');
    const i = a % lines.length;
    const j = b % lines.length;
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  }),
  fc.nat().map((a) => (t: string) => {
    const lines = t.split('\n');
    lines.splice(a % lines.length, 0, lines[a % lines.length]!);
    return lines.join('\n');
  }),
);

/** Parses, failing the property if anything but a returned result comes out. */
function run(text: string, format?: StatementFormat): StatementParseResult {
  let result: StatementParseResult | undefined;
  expect(() => {
    result = parseStatement(text, format === undefined ? {} : { format });
  }).not.toThrow();
  return result!;
}

/** A successful result must be whole: every transaction well formed, every MT940 statement balanced, no :61: dropped. */
function expectWhole(text: string, result: StatementParseResult): void {
  if (!result.ok) {
    expect(result.error).toBeInstanceOf(StatementParseError);
    expect(result.error.message.length).toBeGreaterThan(0);
    return;
  }
  expect(result.statements.length).toBeGreaterThan(0);
  for (const s of result.statements) {
    if (s.format === 'csv') expect(s.transactions.length).toBeGreaterThan(0);
    for (const t of s.transactions) {
      expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(t.amount).toMatch(/^\d+(\.\d+)?$/);
      expect(t.amountMinor).toBeGreaterThanOrEqual(0n);
      expect(t.currency).toMatch(/^[A-Z]{3}$/);
      expect(['credit', 'debit']).toContain(t.direction);
    }
    if (s.format === 'mt940') {
      const net = s.transactions.reduce((sum, t) => sum + (t.direction === 'credit' ? t.amountMinor : -t.amountMinor), 0n);
      expect(s.openingBalance!.amountMinor + net).toBe(s.closingBalance!.amountMinor);
    }
  }
  if (result.format === 'mt940') {
    const statementLines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).filter((l) => l.startsWith(':61:')).length;
    expect(result.statements.reduce((n, s) => n + s.transactions.length, 0)).toBe(statementLines);
  }
}

describe('parseStatement never crashes and never returns a partial result', () => {
  it('parses every fixture unmutated', () => {
    for (const text of [...MT940, ...CSV]) {
      const r = run(text);
      expect(r.ok).toBe(true);
      expectWhole(text, r);
    }
  });

  it('survives random mutations of valid MT940 files', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MT940), fc.array(mutation, { minLength: 1, maxLength: 4 }), (base, mutations) => {
        const text = mutations.reduce((t, m) => m(t), base);
        expectWhole(text, run(text));
        expectWhole(text, run(text, 'mt940'));
      }),
      { numRuns: 1500 },
    );
  });

  it('survives random mutations of valid CSV files', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CSV), fc.array(mutation, { minLength: 1, maxLength: 4 }), (base, mutations) => {
        const text = mutations.reduce((t, m) => m(t), base);
        expectWhole(text, run(text));
        expectWhole(text, run(text, 'csv'));
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects every truncation of an MT940 file that cuts into a statement', () => {
    for (const base of MT940) {
      const full = run(base, 'mt940');
      if (!full.ok) throw new Error('fixture must parse');
      for (let at = 0; at < base.length; at++) {
        const text = base.slice(0, at);
        const r = run(text, 'mt940');
        expectWhole(text, r);
        if (!r.ok) continue;
        // Accepted cuts (after a statement, inside a trailer) yield whole statements identical to the full file's.
        r.statements.forEach((s, i) => {
          expect(s.transactions).toEqual(full.statements[i]!.transactions);
          expect(s.closingBalance).toEqual(full.statements[i]!.closingBalance);
        });
      }
    }
  });

  it('survives random text and random bytes read as Latin-1', () => {
    const bytes = fc.uint8Array({ maxLength: 400 }).map((b) => String.fromCharCode(...b));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), bytes), (text) => {
        expectWhole(text, run(text));
        expectWhole(text, run(text, 'mt940'));
        expectWhole(text, run(text, 'csv'));
      }),
      { numRuns: 1500 },
    );
  });
});
