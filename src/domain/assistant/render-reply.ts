import { formatRupiah, rupiah } from '../money.ts';
import { formatDueDate } from '../templates/format-date.ts';
import { REPLY_CATALOG, REPLY_PLACEHOLDERS, type ReplyKey, type ReplyPlaceholder } from './reply-catalog.ts';

/** Values a reply may need; money as bigint rupiah, dates as `YYYY-MM-DD`. */
export interface ReplyValues {
  readonly name?: string;
  readonly amount?: bigint;
  readonly dueDate?: string;
  readonly promiseDate?: string;
  readonly vaNumber?: string;
  readonly accountNo?: string;
  readonly reference?: string;
  readonly slaDate?: string;
  readonly minAmount?: bigint;
  readonly maxDate?: string;
  readonly attemptsLeft?: number;
  readonly channels?: string;
}

/** One reply the engine chose: a catalogue key and the values it needs. */
export interface Reply {
  readonly key: ReplyKey;
  readonly values?: ReplyValues;
}

/** Appended to every message: who is writing and how to stop messages (the lint's structural rules). */
export const REPLY_FOOTER = '\n\n— Asisten virtual {{creditor_name}}. Ketik BERHENTI bila tidak ingin menerima pesan lagi.';

const date = (d: string | undefined): string | null => (d === undefined ? null : formatDueDate(d, 'id'));
const money = (v: bigint | undefined): string | null => (v === undefined ? null : formatRupiah(rupiah(v)));

function valueOf(p: ReplyPlaceholder, v: ReplyValues): string | null {
  switch (p) {
    case 'name':
      return v.name ?? null;
    case 'amount':
      return money(v.amount);
    case 'due_date':
      return date(v.dueDate);
    case 'promise_date':
      return date(v.promiseDate);
    case 'va_number':
      return v.vaNumber ?? null;
    case 'account_no':
      return v.accountNo ?? null;
    case 'reference':
      return v.reference ?? null;
    case 'sla_date':
      return date(v.slaDate);
    case 'min_amount':
      return money(v.minAmount);
    case 'max_date':
      return date(v.maxDate);
    case 'attempts_left':
      return v.attemptsLeft === undefined ? null : String(v.attemptsLeft);
    case 'channels':
      return v.channels ?? null;
  }
}

/**
 * Renders one reply with the footer. A placeholder without a value is a programming error (the engine chose a
 * reply without the facts it needs), so it throws rather than send "{{amount}}" to a debtor.
 * @example renderReply({ key: 'balance', values: { accountNo: 'KTA-1', amount: 1250000n } }, 'Bank Maju')
 *   // 'Sisa tagihan kontrak KTA-1 saat ini Rp1.250.000.\n\n— Asisten virtual Bank Maju. Ketik BERHENTI …'
 */
export function renderReply(reply: Reply, creditorName: string): string {
  return renderReplyText(reply, REPLY_CATALOG[reply.key].text, creditorName);
}

/**
 * Renders another wording of a reply (the optional LLM's, already checked by `checkTemplateRewrite`) with the
 * reply's values and the footer. Unknown placeholders throw like missing values.
 */
export function renderReplyText(reply: Reply, text: string, creditorName: string): string {
  const values = reply.values ?? {};
  const body = text.replace(/\{\{([a-z_]+)\}\}/g, (_, name: string) => {
    const value = (REPLY_PLACEHOLDERS as readonly string[]).includes(name) ? valueOf(name as ReplyPlaceholder, values) : null;
    if (value === null) throw new Error(`reply '${reply.key}' needs a value for {{${name}}}`);
    return value;
  });
  return body + REPLY_FOOTER.replace('{{creditor_name}}', creditorName);
}

/** The reply text without the footer (for transcripts on the debtor timeline). */
export function stripFooter(message: string): string {
  const at = message.lastIndexOf('\n\n— Asisten virtual ');
  return at < 0 ? message : message.slice(0, at);
}
