import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { addDays, localDateOf } from '../../../domain/dates.ts';
import type { DialogueAction, ReplyValues } from '../../../domain/assistant/index.ts';
import { AppError } from '../../../lib/app-error.ts';
import { audit, SYSTEM_ACTOR } from '../../audit/index.ts';
import { newReference } from './cases-port.ts';
import type { AssistantRuntime } from './runtime.ts';
import * as repo from './repo.ts';

export interface ActionContext {
  readonly conv: repo.Conversation;
  readonly zone: string;
  readonly verified: boolean;
  readonly interactionId: string | null;
  readonly turn: number;
  readonly now: Date;
}

export interface ActionResults {
  /** Reference and SLA date shown in the replies of this turn. */
  readonly values: ReplyValues;
  readonly patch: repo.ConversationPatch;
  /** The cases service refused the promise (its own limits); the turn says so instead of confirming. */
  readonly promiseRefused: boolean;
}

const REQUEST_PREFIX = { restructuring: 'KRG', settlement: 'LNS', payment_trace: 'TRC' } as const;
const REQUEST_LABEL = { restructuring: 'Pengajuan keringanan/restrukturisasi', settlement: 'Pengajuan pelunasan', payment_trace: 'Penelusuran pembayaran' } as const;

/**
 * Carries out what the dialogue decided, inside the turn's transaction. Promises and disputes go through the cases
 * port; relief requests, payment traces and callbacks become review records plus a work item for a person.
 */
export async function executeActions(rt: AssistantRuntime, trx: Kysely<Database>, actions: readonly DialogueAction[], ctx: ActionContext): Promise<ActionResults> {
  let values: ReplyValues = {};
  let patch: repo.ConversationPatch = {};
  let promiseRefused = false;
  const { conv, now } = ctx;
  const via = conv.channel === 'web' ? 'assistant_web' : 'assistant_whatsapp';
  const debtorId = conv.debtor_id;
  for (const action of actions) {
    switch (action.kind) {
      case 'create_promise': {
        if (!ctx.verified || debtorId === null) break;
        try {
          await rt.cases.createPromise(trx, { accountId: action.accountId, debtorId, amountIdr: action.amountIdr, promisedDate: action.date, interactionId: ctx.interactionId, now });
        } catch (err) {
          // Refusals are checked before anything is written, so the transaction is still usable.
          if (!(err instanceof AppError) || (err.code !== 'TAGIH_VALIDATION' && err.code !== 'TAGIH_CONFLICT')) throw err;
          promiseRefused = true;
        }
        break;
      }
      case 'open_case': {
        if (!ctx.verified || debtorId === null) break;
        const opened = await rt.cases.openDispute(trx, { kind: action.caseKind, debtorId, accountId: action.accountId, description: action.description, openedVia: via, now });
        values = { ...values, reference: opened.reference, slaDate: localDateOf(opened.slaDueAt, ctx.zone) };
        break;
      }
      case 'request': {
        if (!ctx.verified || debtorId === null) break;
        const reference = newReference(REQUEST_PREFIX[action.requestKind]);
        const slaDate = addDays(localDateOf(now, ctx.zone), rt.reviewSlaDays);
        const workItemId = await repo.insertWorkItem(trx, {
          idempotencyKey: `assistant-request:${reference}`,
          kind: 'review',
          queue: action.requestKind === 'payment_trace' ? 'payment_trace' : 'relief_review',
          debtorId,
          accountId: action.accountId,
          priority: 20,
          notes: `${REQUEST_LABEL[action.requestKind]} ${reference} dari asisten.${action.amountIdr !== null ? ` Jumlah: ${action.amountIdr.toString()}.` : ''}${action.reason ? ` Keterangan: ${action.reason}` : ''}`,
          dueAt: new Date(now.getTime() + rt.reviewSlaDays * 86_400_000),
        });
        await repo.insertRequest(trx, { kind: action.requestKind, conversationId: conv.id, debtorId, accountId: action.accountId, reason: action.reason, amountIdr: action.amountIdr, details: { reference, sla_date: slaDate }, workItemId, now });
        values = { ...values, reference, slaDate };
        break;
      }
      case 'callback': {
        if (action.wrongNumber && conv.channel === 'whatsapp') await optOutNumber(trx, conv.channel_user_key, ['whatsapp', 'sms', 'voice'], now, 'wrong number reported in the assistant');
        if (debtorId === null) break;
        const workItemId = await repo.insertWorkItem(trx, {
          idempotencyKey: `assistant-callback:${conv.id}:${ctx.turn}`,
          kind: action.wrongNumber ? 'review' : 'callback',
          queue: action.wrongNumber ? 'contact_data_review' : 'callback',
          debtorId,
          accountId: conv.account_id,
          priority: 10,
          notes: action.wrongNumber
            ? 'Asisten: penerima mengatakan nomor ini bukan lagi milik debitur. Nomor diberhentikan dari WhatsApp/SMS/telepon; perbarui data kontak.'
            : 'Asisten: pihak ketiga di nomor debitur meminta debitur dihubungi kembali. Tidak ada informasi yang dibagikan.',
          dueAt: now,
        });
        await repo.insertRequest(trx, { kind: 'callback', conversationId: conv.id, debtorId, accountId: conv.account_id, reason: null, amountIdr: null, details: { wrong_number: action.wrongNumber }, workItemId, now });
        break;
      }
      case 'opt_out': {
        const phoneChannels = action.channels.filter((c) => c !== 'email');
        if (conv.channel === 'whatsapp' && !ctx.verified) {
          await optOutNumber(trx, conv.channel_user_key, phoneChannels, now, 'opt-out requested in the assistant');
        } else if (ctx.verified && debtorId !== null) {
          const contacts = [
            ...(phoneChannels.length > 0 ? (await repo.ownContacts(trx, debtorId, 'phone')).map((id) => ({ id, channels: phoneChannels })) : []),
            ...(action.channels.includes('email') ? (await repo.ownContacts(trx, debtorId, 'email')).map((id) => ({ id, channels: ['email' as const] })) : []),
          ];
          for (const c of contacts) for (const ch of c.channels) await repo.recordOptOut(trx, c.id, ch, now);
          await audit(trx, { actor: SYSTEM_ACTOR, action: 'contact.opt_out', entityType: 'debtor', entityId: debtorId, reason: 'opt-out requested in the assistant', details: { channels: action.channels, contacts: contacts.length, conversation_id: conv.id }, at: now });
        }
        break;
      }
      case 'handoff': {
        if (debtorId === null) break;
        const workItemId = await repo.insertWorkItem(trx, {
          idempotencyKey: `assistant-handoff:${conv.id}:${ctx.turn}`,
          kind: 'handoff',
          queue: 'assistant_handoff',
          debtorId,
          accountId: conv.account_id,
          priority: 30,
          notes: `Debitur meminta petugas di asisten (${conv.channel}); identitas ${ctx.verified ? 'sudah' : 'BELUM'} terverifikasi. Percakapan: /api/v1/assistant/conversations/${conv.id}`,
          dueAt: now,
        });
        patch = { ...patch, status: 'open', handoff_work_item_id: workItemId, handed_off_at: now };
        break;
      }
      case 'revoke_verification':
        patch = { ...patch, verified_at: null };
        break;
      case 'resolve':
        patch = { ...patch, status: 'resolved', resolved_at: now };
        break;
    }
  }
  return { values, patch, promiseRefused };
}

/** Opts out every own (non-emergency) contact with this number, verified or not: the number's holder asked. */
async function optOutNumber(trx: Kysely<Database>, phoneHash: string, channels: readonly ('sms' | 'whatsapp' | 'voice')[], now: Date, reason: string): Promise<void> {
  const contacts = await repo.phoneCandidates(trx, phoneHash);
  for (const c of contacts) for (const ch of channels) await repo.recordOptOut(trx, c.contactId, ch, now);
  for (const debtorId of new Set(contacts.map((c) => c.debtorId))) {
    await audit(trx, { actor: SYSTEM_ACTOR, action: 'contact.opt_out', entityType: 'debtor', entityId: debtorId, reason, details: { channels, source: 'assistant_whatsapp' }, at: now });
  }
}
