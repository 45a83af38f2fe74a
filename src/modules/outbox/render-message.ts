import { isElectronicChannel } from '../../domain/contact-policy/index.ts';
import { rupiah } from '../../domain/money.ts';
import { LANGUAGES, lintMessage, renderTemplate, type Language } from '../../domain/templates/index.ts';
import type { ContactChannel } from '../../db/schema-collection.ts';
import type { RenderFacts, TemplateRow } from './dispatch-repo.ts';

export type RenderOutcome =
  | { readonly ok: true; readonly subject: string | null; readonly body: string; readonly templateVersion: number | null }
  | { readonly ok: false; readonly reasons: readonly string[]; readonly error: string };

export interface RenderInput {
  readonly channel: ContactChannel;
  readonly language: string;
  readonly templateCode: string | null;
  readonly treatmentCode: string | null;
  readonly purpose: string;
}

function asLanguage(value: string): Language {
  return (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : 'id';
}

/**
 * Renders the message a debtor will receive, at send time, from the account as it is now, and runs
 * the compliance lint on the rendered text (subject and body). Anything that fails — no template, a
 * missing value, a lint violation — is refused with reasons (`template_missing`, `template_render`,
 * `lint:<rule>`), so a non-compliant text never leaves. Call tasks and field visits without a
 * template get a plain task note: no text reaches the debtor, the agent follows the call script.
 *
 * Language: the debtor's, falling back to Indonesian when that translation does not exist.
 */
export function renderOutbound(input: RenderInput, templates: ReadonlyMap<string, TemplateRow>, facts: RenderFacts | undefined): RenderOutcome {
  const language = asLanguage(input.language);
  const template =
    input.templateCode === null
      ? undefined
      : (templates.get(`${input.templateCode}|${input.channel}|${language}`) ?? templates.get(`${input.templateCode}|${input.channel}|id`));
  if (!template) {
    if (!isElectronicChannel(input.channel)) {
      return { ok: true, subject: null, body: `Tugas ${input.channel === 'field' ? 'kunjungan' : 'telepon'}: ${input.treatmentCode ?? input.purpose}`, templateVersion: null };
    }
    return { ok: false, reasons: ['template_missing'], error: `no active template '${input.templateCode ?? '(none)'}' for ${input.channel}/${language}` };
  }
  const lang = asLanguage(template.language);
  const values = facts
    ? {
        name: facts.debtorName,
        amount: rupiah(facts.outstanding),
        creditorName: facts.creditorName,
        ...(facts.dueDate ? { dueDate: facts.dueDate } : {}),
        ...(facts.vaNumber ? { vaNumber: facts.vaNumber } : {}),
        ...(facts.paymentLink ? { paymentLink: facts.paymentLink } : {}),
      }
    : {};
  const body = renderTemplate(template.body, values, lang);
  const subject = template.subject === null ? null : renderTemplate(template.subject, values, lang);
  if (!body.ok) return { ok: false, reasons: ['template_render'], error: `template ${template.code} v${template.version}: ${body.message}` };
  if (subject && !subject.ok) return { ok: false, reasons: ['template_render'], error: `template ${template.code} v${template.version} subject: ${subject.message}` };
  const subjectText = subject?.ok ? subject.value : null;
  const lint = lintMessage(subjectText ? `${subjectText}\n${body.value}` : body.value, {
    channel: input.channel,
    language: lang,
    ...(facts ? { creditorName: facts.creditorName } : {}),
  });
  if (!lint.ok) {
    return {
      ok: false,
      reasons: [...new Set(lint.violations.map((v) => `lint:${v.rule}`))],
      error: `compliance lint refused the rendered text: ${lint.violations.map((v) => `${v.rule} ('${v.match}')`).join(', ')}`,
    };
  }
  return { ok: true, subject: subjectText, body: body.value, templateVersion: template.version };
}
