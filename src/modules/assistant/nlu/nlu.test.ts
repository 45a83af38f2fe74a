import { beforeAll, describe, expect, it } from 'vitest';
import { HELDOUT_EXAMPLES, TRAINING_EXAMPLES } from './corpus.ts';
import { tuneThreshold } from './cross-validate.ts';
import { evaluateHeldout } from './evaluate.ts';
import { INTENTS } from './intents.ts';
import { createNlu, type Nlu } from './nlu.ts';

const today = '2026-11-18'; // a Wednesday
let nlu: Nlu;

beforeAll(async () => {
  nlu = await createNlu();
});

describe('corpus', () => {
  it('has at least 40 training and 15 held-out utterances per intent, and no held-out line in training', () => {
    const train = new Set(TRAINING_EXAMPLES.map((e) => e.text.toLowerCase()));
    for (const intent of INTENTS) {
      expect(TRAINING_EXAMPLES.filter((e) => e.intent === intent).length).toBeGreaterThanOrEqual(40);
      expect(HELDOUT_EXAMPLES.filter((e) => e.intent === intent).length).toBeGreaterThanOrEqual(15);
    }
    expect(HELDOUT_EXAMPLES.filter((e) => train.has(e.text.toLowerCase()))).toEqual([]);
  });
});

describe('createNlu', () => {
  it('reaches at least 90% accuracy on the held-out set', async () => {
    const { report, errors } = await evaluateHeldout(nlu);
    expect(report.accuracy, JSON.stringify(errors, null, 1)).toBeGreaterThanOrEqual(0.9);
    expect(report.macroF1).toBeGreaterThanOrEqual(0.88);
  });

  it.each([
    ['udah tf kemarin', 'already_paid'],
    ['besok sy tf', 'promise_to_pay'],
    ['saya tidak pernah pinjam', 'dispute'],
    ['penagih kalian kasar', 'complaint'],
    ['ini istrinya', 'third_party'],
    ['nomor ini bukan punya dia lagi', 'third_party'],
    ['saya bukan orangnya', 'third_party'],
    ['ada diskon kalau lunas?', 'discount_settlement'],
    ['cicilannya bisa diperpanjang?', 'request_restructuring'],
    ['jangan telpon saya lagi', 'stop_contact'],
    ['siapa presiden amerika', 'out_of_scope'],
  ] as const)('tells confusable turns apart: %s → %s', async (text, intent) => {
    expect((await nlu.analyze(text, { today })).intent).toBe(intent);
  });

  it('returns intent, confidence, entities and the normalised text', async () => {
    const r = await nlu.analyze('Bsk sy TF 500rb ya kak', { today });
    expect(r).toMatchObject({ intent: 'promise_to_pay', entities: { date: '2026-11-19', amountIdr: 500_000n }, normalized: 'besok saya transfer 500 ribu' });
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it('falls back to out_of_scope below the threshold and reports the model guess', async () => {
    const strict = await createNlu({ threshold: 1.01 });
    const r = await strict.analyze('kapan jatuh tempo saya', { today });
    expect(r.intent).toBe('out_of_scope');
    expect(r.modelIntent).toBe('due_date');
    expect(r.confidence).toBeCloseTo(1 - r.modelConfidence);
  });

  it('answers out_of_scope without crashing on empty, binary, script-laden and oversized input', async () => {
    for (const text of ['', '\u0000\u0001\u00ff\ufffd', '<img src=x onerror=alert(1)>', 'x'.repeat(5000), '🙂🙂🙂']) {
      const r = await nlu.analyze(text, { today });
      expect(r.intent).toBe('out_of_scope');
    }
    const huge = await nlu.analyze(`besok bayar 500rb ${'a'.repeat(5000)}`, { today });
    expect(huge).toMatchObject({ intent: 'out_of_scope', entities: { date: null, amountIdr: null } });
  });

  it('rejects a malformed today', async () => {
    await expect(nlu.analyze('besok', { today: '18-11-2026' })).rejects.toThrow(RangeError);
  });
});

describe('tuneThreshold', () => {
  it('picks the highest threshold among the most accurate', () => {
    const p = [
      { gold: 'greeting', predicted: 'greeting', confidence: 0.9 },
      { gold: 'out_of_scope', predicted: 'greeting', confidence: 0.3 },
    ] as const;
    expect(tuneThreshold(p)).toEqual({ threshold: 0.9, accuracy: 1 });
  });
});
