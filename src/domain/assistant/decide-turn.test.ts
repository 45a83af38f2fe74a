import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideTurn, type DebtorFacts, type DialogueContext, type TurnInput } from './decide-turn.ts';
import { guardInput } from './input-guard.ts';
import { DEFAULT_PROMISE_POLICY } from './promise-policy.ts';
import { isPublicReply } from './reply-catalog.ts';
import { renderReply } from './render-reply.ts';
import { DIALOGUE_INTENTS, IDLE, type DialogueIntent, type Stage } from './stage.ts';

const FACTS: DebtorFacts = {
  name: 'Budi Santoso',
  accounts: [{ accountId: 'acc-1', accountNo: 'KTA-0001', outstandingIdr: 1_250_000n, nextDueDate: '2026-03-20', nextDueAmountIdr: 450_000n, vaNumber: '8808001234567890' }],
  pendingPromise: null,
};
const verified: DialogueContext = { channel: 'whatsapp', today: '2026-03-10', identity: 'verified', hasCandidate: true, facts: FACTS, promisePolicy: DEFAULT_PROMISE_POLICY };
const stranger: DialogueContext = { ...verified, identity: 'unverified', facts: null };

function turn(intent: DialogueIntent, text = '', entities: Partial<TurnInput['entities']> = {}): TurnInput {
  return { problem: null, text, normalized: text.toLowerCase(), intent, entities: { date: null, amountIdr: null, ...entities }, check: null };
}

describe('decideTurn', () => {
  it('asks an unverified person to verify before a balance, remembering the question', () => {
    const d = decideTurn(IDLE, stranger, turn('check_balance'));
    expect(d.replies.map((r) => r.key)).toEqual(['ask_identity']);
    expect(d.stage).toEqual({ kind: 'await_identity', pending: { intent: 'check_balance', date: null, amount: null } });
  });

  it('asks for the account number first on the web when nobody is known', () => {
    const d = decideTurn(IDLE, { ...stranger, channel: 'web', hasCandidate: false }, turn('due_date'));
    expect(d.stage.kind).toBe('await_account');
    expect(d.replies[0]?.key).toBe('ask_account');
  });

  it('answers the remembered question once identity passes', () => {
    const stage: Stage = { kind: 'await_identity', pending: { intent: 'check_balance', date: null, amount: null } };
    const d = decideTurn(stage, verified, { ...turn('out_of_scope', '17-08-1985 1234'), check: { kind: 'identity', outcome: 'passed', attemptsLeft: 3 } });
    expect(d.replies.map((r) => r.key)).toEqual(['verified', 'balance']);
    expect(d.replies[1]?.values).toMatchObject({ amount: 1_250_000n, accountNo: 'KTA-0001' });
  });

  it('counts down failed attempts and locks', () => {
    const stage: Stage = { kind: 'await_identity', pending: null };
    const failed = decideTurn(stage, stranger, { ...turn('out_of_scope'), check: { kind: 'identity', outcome: 'failed', attemptsLeft: 1 } });
    expect(failed.replies).toEqual([{ key: 'identity_failed', values: { attemptsLeft: 1 } }]);
    expect(failed.stage).toEqual(stage);
    const locked = decideTurn(stage, stranger, { ...turn('out_of_scope'), check: { kind: 'identity', outcome: 'locked', attemptsLeft: 0 } });
    expect(locked.replies[0]?.key).toBe('identity_locked');
    expect(decideTurn(IDLE, { ...stranger, identity: 'locked' }, turn('check_balance')).outcome).toBe('verification_locked');
  });

  it('takes a promise: collects date and amount, confirms, then creates it', () => {
    const a = decideTurn(IDLE, verified, turn('promise_to_pay', 'saya mau bayar besok', { date: '2026-03-11' }));
    expect(a.replies[0]?.key).toBe('ptp_ask_amount');
    const b = decideTurn(a.stage, verified, turn('promise_to_pay', '500 ribu', { amountIdr: 500_000n }));
    expect(b.replies[0]?.key).toBe('ptp_confirm');
    expect(b.stage).toEqual({ kind: 'ptp_confirm', date: '2026-03-11', amount: '500000' });
    const c = decideTurn(b.stage, verified, turn('out_of_scope', 'ya'));
    expect(c.actions).toEqual([{ kind: 'create_promise', accountId: 'acc-1', date: '2026-03-11', amountIdr: 500_000n }]);
    expect(c.outcome).toBe('ptp_created');
  });

  it('keeps promises inside policy: not in the past, not too far, not below the instalment', () => {
    expect(decideTurn(IDLE, verified, turn('promise_to_pay', '', { date: '2026-03-01', amountIdr: 500_000n })).replies[0]?.key).toBe('ptp_date_past');
    expect(decideTurn(IDLE, verified, turn('promise_to_pay', '', { date: '2026-04-30', amountIdr: 500_000n })).replies[0]).toEqual({ key: 'ptp_date_too_far', values: { maxDate: '2026-03-24' } });
    expect(decideTurn(IDLE, verified, turn('promise_to_pay', '', { date: '2026-03-12', amountIdr: 100_000n })).replies[0]).toEqual({ key: 'ptp_amount_too_low', values: { minAmount: 450_000n } });
    expect(decideTurn(IDLE, verified, turn('promise_to_pay', '', { date: '2026-03-12', amountIdr: 9_000_000n })).replies[0]?.key).toBe('ptp_amount_too_high');
  });

  it('opens a dispute with the description the debtor gives', () => {
    const a = decideTurn(IDLE, verified, turn('dispute'));
    const b = decideTurn(a.stage, verified, turn('out_of_scope', 'Tagihan bulan lalu sudah saya bayar tapi masih ditagih'));
    expect(b.actions).toEqual([{ kind: 'open_case', caseKind: 'dispute', accountId: 'acc-1', description: 'Tagihan bulan lalu sudah saya bayar tapi masih ditagih' }]);
    expect(b.replies[0]?.key).toBe('dispute_opened');
  });

  it('treats a third party with discretion and drops any verification', () => {
    const d = decideTurn(IDLE, verified, turn('third_party', 'saya istrinya'));
    expect(d.actions).toEqual([{ kind: 'revoke_verification' }]);
    expect(d.replies.every((r) => isPublicReply(r.key))).toBe(true);
    const cb = decideTurn(d.stage, stranger, turn('out_of_scope', '1'));
    expect(cb.actions).toEqual([{ kind: 'callback', wrongNumber: false }]);
    const wrong = decideTurn(d.stage, stranger, turn('out_of_scope', '2'));
    expect(wrong.actions).toEqual([{ kind: 'callback', wrongNumber: true }]);
  });

  it('opts the WhatsApp number out without verification, but other channels on the web only after it', () => {
    expect(decideTurn(IDLE, stranger, turn('stop_contact', 'stop')).actions).toEqual([{ kind: 'opt_out', channels: ['whatsapp'] }]);
    expect(decideTurn(IDLE, { ...stranger, channel: 'web', hasCandidate: false }, turn('stop_contact', 'jangan sms')).stage.kind).toBe('await_account');
    expect(decideTurn(IDLE, { ...verified, channel: 'web' }, turn('stop_contact', 'jangan telepon dan sms lagi')).actions).toEqual([{ kind: 'opt_out', channels: ['sms', 'voice'] }]);
  });

  it('hands over to a person when a debtor is known, verified or not', () => {
    expect(decideTurn(IDLE, stranger, turn('human_agent')).actions).toEqual([{ kind: 'handoff' }]);
    expect(decideTurn(IDLE, { ...stranger, hasCandidate: false, channel: 'web' }, turn('human_agent')).stage.kind).toBe('await_account');
  });

  it('collects restructuring reason and amount, and settlement amount, as requests for review', () => {
    const a = decideTurn(IDLE, verified, turn('request_restructuring'));
    expect(a.replies[0]?.key).toBe('restructure_ask_reason');
    const b = decideTurn(a.stage, verified, turn('request_restructuring', 'saya kena PHK'));
    const c = decideTurn(b.stage, verified, turn('out_of_scope', '300 ribu', { amountIdr: 300_000n }));
    expect(c.actions).toEqual([{ kind: 'request', requestKind: 'restructuring', accountId: 'acc-1', reason: 'saya kena PHK', amountIdr: 300_000n }]);
    const s = decideTurn(IDLE, verified, turn('discount_settlement', 'bisa lunas 2 juta?', { amountIdr: 2_000_000n }));
    expect(s.actions[0]).toMatchObject({ kind: 'request', requestKind: 'settlement', amountIdr: 2_000_000n });
  });

  it('answers bad input politely and keeps the stage', () => {
    const stage: Stage = { kind: 'ptp_collect', date: '2026-03-11', amount: null };
    expect(decideTurn(stage, verified, { ...turn('out_of_scope'), problem: 'binary' })).toMatchObject({ stage, replies: [{ key: 'bad_input_unreadable' }] });
  });
});

const stageArb: fc.Arbitrary<Stage> = fc.oneof(
  fc.constant<Stage>(IDLE),
  fc.constant<Stage>({ kind: 'await_identity', pending: { intent: 'check_balance', date: '2026-03-11', amount: '500000' } }),
  fc.constant<Stage>({ kind: 'await_account', pending: null }),
  fc.constant<Stage>({ kind: 'ptp_confirm', date: '2026-03-11', amount: '500000' }),
  fc.constant<Stage>({ kind: 'ptp_collect', date: null, amount: '500000' }),
  fc.constant<Stage>({ kind: 'restructure_amount', reason: 'x' }),
  fc.constant<Stage>({ kind: 'case_detail', caseKind: 'dispute' }),
  fc.constant<Stage>({ kind: 'paid_proof' }),
  fc.constant<Stage>({ kind: 'third_party_offer' }),
  fc.constant<Stage>({ kind: 'stop_channel' }),
);

describe('decideTurn properties', () => {
  it('never throws and never shows an unverified person a name, amount, date or account', () => {
    fc.assert(
      fc.property(
        stageArb,
        fc.string({ maxLength: 5000, unit: 'binary' }),
        fc.constantFrom(...DIALOGUE_INTENTS),
        fc.option(fc.constantFrom('2026-03-11', '2026-03-20')),
        fc.option(fc.bigInt({ min: 1n, max: 10_000_000n })),
        fc.constantFrom<DialogueContext['identity']>('unverified', 'locked', 'unverifiable'),
        fc.boolean(),
        fc.constantFrom<'web' | 'whatsapp'>('web', 'whatsapp'),
        (stage, raw, intent, date, amountIdr, identity, hasCandidate, channel) => {
          const guarded = guardInput(raw);
          // Facts are passed on purpose: even if the service leaked them into the context, nothing may show.
          const ctx: DialogueContext = { ...verified, identity, hasCandidate, channel, facts: FACTS };
          const d = decideTurn(stage, ctx, { problem: guarded.problem, text: guarded.text, normalized: guarded.text.toLowerCase(), intent, entities: { date, amountIdr }, check: null });
          for (const r of d.replies) {
            expect(isPublicReply(r.key)).toBe(true);
            const text = renderReply(r, 'Bank Maju');
            expect(text).not.toMatch(/Rp|Budi|KTA-0001|8808|Maret|2026/);
          }
          expect(d.actions.some((a) => a.kind === 'create_promise' || a.kind === 'open_case' || a.kind === 'request')).toBe(false);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('never throws for a verified debtor either, and every reply renders', () => {
    fc.assert(
      fc.property(stageArb, fc.string({ maxLength: 300 }), fc.constantFrom(...DIALOGUE_INTENTS), fc.option(fc.bigInt({ min: 0n, max: 10n ** 15n })), (stage, raw, intent, amountIdr) => {
        const g = guardInput(raw);
        const d = decideTurn(stage, verified, { problem: g.problem, text: g.text, normalized: g.text.toLowerCase(), intent, entities: { date: '2026-03-12', amountIdr }, check: null });
        // Reference and SLA date come from executing the actions (the service merges them in).
        for (const r of d.replies) expect(renderReply({ ...r, values: { ...r.values, reference: 'REF-1', slaDate: '2026-03-20' } }, 'Bank Maju').length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});
