import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { errorResponses } from '../../lib/error-schema.ts';
import { debtorAuthHeader, debtorSessionOf } from './debtor-session.ts';
import { exportOwnData, ownDataRequests, requestCorrection, withdrawConsent } from './data-requests-service.ts';
import * as repo from './repo.ts';
import {
  accountOut,
  accountParam,
  correctionBody,
  dataRequestOut,
  exportOut,
  meOut,
  paymentInstructionsOut,
  planRequestBody,
  planRequestOut,
  portalDisputeBody,
  portalDisputeOut,
  portalPromiseBody,
  portalPromiseOut,
  preferencesBody,
  preferencesOut,
  scheduleOut,
  withdrawalBody,
} from './schema.ts';
import { contactPreferencesOf, disputeFromPortal, ownAccountOr404, promiseToPay, requestPlan, updateContactPreferences } from './self-service.ts';

type AccountRow = Awaited<ReturnType<typeof repo.accountsOf>>[number];

function accountView(a: AccountRow): z.infer<typeof accountOut> {
  return {
    id: a.id,
    account_no: a.account_no,
    product: a.product,
    creditor: a.creditor_name,
    outstanding_idr: a.outstanding_idr.toString(),
    installment_idr: a.installment_idr?.toString() ?? null,
    oldest_unpaid_due_date: a.oldest_unpaid_due_date,
    days_past_due: a.dpd,
    status: a.status,
  };
}

const conflict = { 409: errorResponses[400] };

/**
 * What a signed-in debtor can see and do. Public for the staff hook; every handler first resolves the debtor
 * session (401 otherwise) and only ever touches that debtor's rows (another debtor's account answers 404).
 */
export const portalSelfRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const access = { access: { public: true } } as const;
  const headers = debtorAuthHeader;

  app.get('/portal/me', { config: access, schema: { tags: ['portal'], summary: 'The signed-in debtor and their accounts with balances', headers, response: { 200: meOut, ...errorResponses } } }, async (req) => {
    const s = await debtorSessionOf(deps, req);
    const accounts = await repo.accountsOf(deps.db.kysely, s.debtorId);
    return { full_name: s.fullName, language: s.language, timezone: s.timezone, accounts: accounts.map(accountView) };
  });

  app.get(
    '/portal/accounts/:accountId',
    { config: access, schema: { tags: ['portal'], summary: 'Balance of one own account', headers, params: accountParam, response: { 200: accountOut, ...errorResponses } } },
    async (req) => accountView(await ownAccountOr404(deps, await debtorSessionOf(deps, req), req.params.accountId)),
  );

  app.get(
    '/portal/accounts/:accountId/schedule',
    { config: access, schema: { tags: ['portal'], summary: 'Instalment schedule with what is paid and what remains', headers, params: accountParam, response: { 200: scheduleOut, ...errorResponses } } },
    async (req) => {
      const a = await ownAccountOr404(deps, await debtorSessionOf(deps, req), req.params.accountId);
      const rows = await repo.scheduleOf(deps.db.kysely, a.id);
      return {
        account_id: a.id,
        installments: rows.map((r) => {
          const due = r.principal_due + r.interest_due + r.fee_due + r.penalty_due;
          const paid = r.principal_paid + r.interest_paid + r.fee_paid + r.penalty_paid;
          const remaining = due > paid ? due - paid : 0n;
          return { seq: r.seq, due_date: r.due_date, due_idr: due.toString(), paid_idr: paid.toString(), remaining_idr: remaining.toString(), status: remaining === 0n ? ('paid' as const) : paid > 0n ? ('partial' as const) : ('unpaid' as const) };
        }),
      };
    },
  );

  app.get(
    '/portal/accounts/:accountId/payment-instructions',
    { config: access, schema: { tags: ['portal'], summary: 'How to pay: the virtual account of the account', headers, params: accountParam, response: { 200: paymentInstructionsOut, ...errorResponses } } },
    async (req) => {
      const a = await ownAccountOr404(deps, await debtorSessionOf(deps, req), req.params.accountId);
      const steps = a.va_number
        ? [
            `Buka aplikasi mobile banking, internet banking atau ATM bank Anda.`,
            `Pilih menu Transfer ke Virtual Account.`,
            `Masukkan nomor Virtual Account ${a.va_number} (${a.creditor_name}).`,
            `Periksa nama dan jumlah, lalu konfirmasi. Simpan bukti pembayaran.`,
          ]
        : [`Nomor Virtual Account belum tersedia untuk rekening ${a.account_no}. Silakan hubungi ${a.creditor_name} atau ajukan pertanyaan melalui portal.`];
      return { account_id: a.id, account_no: a.account_no, creditor: a.creditor_name, virtual_account: a.va_number, amount_due_idr: a.outstanding_idr.toString(), steps };
    },
  );

  app.post(
    '/portal/accounts/:accountId/promises',
    { config: access, schema: { tags: ['portal'], summary: 'Promise to pay an amount on a date', headers, params: accountParam, body: portalPromiseBody, response: { 201: portalPromiseOut, ...errorResponses, ...conflict } } },
    async (req, reply) => {
      const p = await promiseToPay(deps, await debtorSessionOf(deps, req), req.params.accountId, req.body.amount_idr, req.body.promised_date);
      return reply.status(201).send({ id: p.id, account_id: p.account_id, amount_idr: p.amount_idr, promised_date: p.promised_date, status: p.status });
    },
  );

  app.post(
    '/portal/accounts/:accountId/plan-requests',
    { config: access, schema: { tags: ['portal'], summary: 'Ask for a restructuring plan (reviewed by staff)', headers, params: accountParam, body: planRequestBody, response: { 201: planRequestOut, ...errorResponses } } },
    async (req, reply) => {
      const r = await requestPlan(deps, await debtorSessionOf(deps, req), req.params.accountId, req.body.reason, req.body.affordable_amount_idr);
      return reply.status(201).send({ id: r.id, reference: r.reference, review_by: r.slaDate, status: 'pending_review' as const });
    },
  );

  app.post(
    '/portal/disputes',
    { config: access, schema: { tags: ['portal'], summary: 'Dispute a debt or complain; returns the reference and the answer deadline', headers, body: portalDisputeBody, response: { 201: portalDisputeOut, ...errorResponses, ...conflict } } },
    async (req, reply) => {
      const d = await disputeFromPortal(deps, await debtorSessionOf(deps, req), { kind: req.body.kind, accountId: req.body.account_id, description: req.body.description });
      return reply.status(201).send({ id: d.id, reference: d.reference, kind: d.kind, status: d.status, sla_due_at: d.sla_due_at });
    },
  );

  app.get('/portal/contact-preferences', { config: access, schema: { tags: ['portal'], summary: 'Channels you accept and your preferred hours', headers, response: { 200: preferencesOut, ...errorResponses } } }, async (req) =>
    contactPreferencesOf(deps, await debtorSessionOf(deps, req)),
  );

  app.put(
    '/portal/contact-preferences',
    { config: access, schema: { tags: ['portal'], summary: 'Opt channels out or in and set preferred hours', headers, body: preferencesBody, response: { 200: preferencesOut, ...errorResponses } } },
    async (req) => {
      const s = await debtorSessionOf(deps, req);
      const channels = Object.fromEntries(Object.entries(req.body.channels).filter(([, v]) => v !== undefined)) as Record<string, 'granted' | 'opted_out'>;
      return updateContactPreferences(deps, s, req.body.hours === undefined ? { channels } : { channels, hours: req.body.hours });
    },
  );

  app.get('/portal/data-requests', { config: access, schema: { tags: ['portal'], summary: 'Your UU PDP requests', headers, response: { 200: z.object({ items: z.array(dataRequestOut) }), ...errorResponses } } }, async (req) => ({
    items: await ownDataRequests(deps, await debtorSessionOf(deps, req)),
  }));

  app.post(
    '/portal/data-requests/access',
    { config: access, schema: { tags: ['portal'], summary: 'UU PDP access: export all your data as JSON', headers, response: { 200: exportOut, ...errorResponses } } },
    async (req) => exportOwnData(deps, await debtorSessionOf(deps, req)),
  );

  app.post(
    '/portal/data-requests/correction',
    { config: access, schema: { tags: ['portal'], summary: 'UU PDP correction: ask for your data to be corrected', headers, body: correctionBody, response: { 201: dataRequestOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await requestCorrection(deps, await debtorSessionOf(deps, req), { field: req.body.field, correctValue: req.body.correct_value, note: req.body.note })),
  );

  app.post(
    '/portal/data-requests/consent-withdrawal',
    { config: access, schema: { tags: ['portal'], summary: 'UU PDP consent withdrawal: stop electronic contact (legally required notices continue)', headers, body: withdrawalBody, response: { 201: dataRequestOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await withdrawConsent(deps, await debtorSessionOf(deps, req), req.body.note)),
  );
};
