import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { ContactChannel } from '../../../db/schema-collection.ts';
import { rupiah } from '../../../domain/money.ts';
import { renderTemplate, validateTemplate, type Language, type TemplateValues } from '../../../domain/templates/index.ts';
import { AppError } from '../../../lib/app-error.ts';
import { audit } from '../../audit/index.ts';
import type { CaseContext } from '../shared/context.ts';

type TemplateRow = Selectable<Database['message_templates']>;

/** Subject and body are checked together: the creditor's name in an email subject identifies the sender too. */
function fullText(subject: string | null, body: string): string {
  return subject ? `${subject}\n${body}` : body;
}

export function checkTemplate(input: { channel: ContactChannel; language: Language; subject: string | null; body: string }) {
  return validateTemplate(fullText(input.subject, input.body), { channel: input.channel, language: input.language });
}

/**
 * Saves a new version of a template (code × channel × language). Text that fails the syntax check or the
 * compliance lint is refused with every rule, the offending words and the reason, and nothing is written.
 * Versions are numbered under a transaction-scoped advisory lock so two editors never collide.
 */
export async function createTemplateVersion(trx: Kysely<Database>, input: { code: string; channel: ContactChannel; language: Language; subject: string | null; body: string }, ctx: CaseContext): Promise<TemplateRow> {
  if (input.subject !== null && input.channel !== 'email') {
    throw new AppError('TAGIH_VALIDATION', 'only email templates have a subject', [{ path: '/subject', message: `a ${input.channel} message has no subject` }]);
  }
  const check = checkTemplate(input);
  if (!check.ok) {
    const details = [
      ...check.syntax.map((s) => ({ path: '/body', rule: 'syntax', match: s.placeholder ?? '', message: s.message })),
      ...check.violations.map((v) => ({ path: '/body', rule: v.rule, match: v.match, message: v.message })),
    ];
    throw new AppError('TAGIH_VALIDATION', `template refused: ${details.map((d) => d.rule).join(', ')}`, details);
  }
  await sql`select pg_advisory_xact_lock(hashtext(${`template:${input.code}:${input.channel}:${input.language}`}))`.execute(trx);
  const last = await trx
    .selectFrom('message_templates')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('code', '=', input.code)
    .where('channel', '=', input.channel)
    .where('language', '=', input.language)
    .executeTakeFirst();
  const row = await trx
    .insertInto('message_templates')
    .values({ code: input.code, channel: input.channel, language: input.language, version: Number(last?.v ?? 0) + 1, subject: input.subject, body: input.body, created_by: ctx.actor.id, created_at: ctx.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, { actor: ctx.actor, action: 'template.create', entityType: 'message_template', entityId: row.id, details: { code: row.code, channel: row.channel, language: row.language, version: row.version }, at: ctx.now });
  return row;
}

export async function retireTemplate(trx: Kysely<Database>, id: string, ctx: CaseContext): Promise<TemplateRow> {
  const row = await trx.selectFrom('message_templates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('TAGIH_NOT_FOUND', `template ${id} not found`);
  if (row.status === 'retired') throw new AppError('TAGIH_CONFLICT', `template ${row.code} v${row.version} is already retired`);
  const updated = await trx.updateTable('message_templates').set({ status: 'retired' }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await audit(trx, { actor: ctx.actor, action: 'template.retire', entityType: 'message_template', entityId: id, details: { code: row.code, channel: row.channel, language: row.language, version: row.version }, at: ctx.now });
  return updated;
}

export interface SampleVariables {
  readonly name?: string | undefined;
  readonly amount_idr?: bigint | undefined;
  readonly due_date?: string | undefined;
  readonly payment_link?: string | undefined;
  readonly va_number?: string | undefined;
  readonly creditor_name?: string | undefined;
}

/** Renders text with sample values and lints both the template and the rendered message. */
export function previewTemplate(input: { channel: ContactChannel; language: Language; subject: string | null; body: string }, vars: SampleVariables) {
  const values: TemplateValues = {
    ...(vars.name !== undefined ? { name: vars.name } : {}),
    ...(vars.amount_idr !== undefined ? { amount: rupiah(vars.amount_idr) } : {}),
    ...(vars.due_date !== undefined ? { dueDate: vars.due_date } : {}),
    ...(vars.payment_link !== undefined ? { paymentLink: vars.payment_link } : {}),
    ...(vars.va_number !== undefined ? { vaNumber: vars.va_number } : {}),
    ...(vars.creditor_name !== undefined ? { creditorName: vars.creditor_name } : {}),
  };
  const check = checkTemplate(input);
  const body = renderTemplate(input.body, values, input.language);
  const subject = input.subject === null ? null : renderTemplate(input.subject, values, input.language);
  const renderError = !body.ok ? body.message : subject !== null && !subject.ok ? subject.message : null;
  return {
    ok: check.ok && renderError === null,
    subject: subject !== null && subject.ok ? subject.value : null,
    rendered: body.ok ? body.value : null,
    render_error: renderError,
    syntax: check.syntax.map((s) => ({ message: s.message, ...(s.placeholder !== undefined ? { placeholder: s.placeholder } : {}) })),
    violations: check.violations.map((v) => ({ rule: v.rule, match: v.match, message: v.message })),
  };
}
