import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { INSTRUMENT_KINDS } from '../../db/schema-gateways.ts';
import { errorResponses } from '../../lib/error-schema.ts';
import { principalOf } from '../auth/index.ts';
import type { PaymentBooker } from './booking.ts';
import * as instruments from './instrument-service.ts';
import type { GatewayRegistry } from './registry.ts';
import * as repo from './repo.ts';
import { accountParam, idParam, instrument, newPaymentLink, newVirtualAccount, receipt, receiptsQuery, simulatePayment, webhookAck } from './schema.ts';
import { simulateSandboxPayment } from './simulate.ts';

const withUnavailable = { ...errorResponses, 503: errorResponses[400] } as const;

/** Virtual accounts and payment links per account, the sandbox simulator and the webhook receipt log. */
export const instrumentRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; registry: GatewayRegistry; booker: PaymentBooker }> = async (app, { deps, registry, booker }) => {
  app.post(
    '/accounts/:id/virtual-accounts',
    {
      config: { access: { action: 'payments:write' } },
      schema: {
        tags: ['payments'],
        summary: 'Issue (or return the still-valid) virtual account for an account at a gateway',
        params: accountParam,
        body: newVirtualAccount,
        response: { 200: instrument, 201: instrument, ...withUnavailable },
      },
    },
    async (req, reply) => {
      const { instrument: out, created } = await instruments.createVirtualAccount(deps, registry, principalOf(req), req.params.id, req.body);
      return reply.status(created ? 201 : 200).send(out);
    },
  );

  app.post(
    '/accounts/:id/payment-links',
    {
      config: { access: { action: 'payments:write' } },
      schema: { tags: ['payments'], summary: 'Create a payment link (Midtrans Snap, Xendit invoice, sandbox)', params: accountParam, body: newPaymentLink, response: { 200: instrument, 201: instrument, ...withUnavailable } },
    },
    async (req, reply) => {
      const { instrument: out, created } = await instruments.createPaymentLink(deps, registry, principalOf(req), req.params.id, req.body);
      return reply.status(created ? 201 : 200).send(out);
    },
  );

  for (const [path, kind] of [['virtual-accounts', 'va'], ['payment-links', 'link']] as const) {
    app.get(
      `/accounts/:id/${path}`,
      {
        config: { access: { action: 'payments:read' } },
        schema: { tags: ['payments'], summary: `The account's ${path.replace('-', ' ')}, newest first`, params: accountParam, response: { 200: z.object({ items: z.array(instrument) }), ...errorResponses } },
      },
      async (req) => instruments.listInstruments(deps, principalOf(req), req.params.id, kind satisfies (typeof INSTRUMENT_KINDS)[number]),
    );
  }

  app.get(
    '/payment-instruments/:id',
    {
      config: { access: { action: 'payments:read' } },
      schema: { tags: ['payments'], summary: 'One virtual account or payment link', params: idParam, response: { 200: instrument, ...errorResponses } },
    },
    async (req) => instruments.getInstrument(deps, principalOf(req), req.params.id),
  );

  app.post(
    '/gateways/sandbox/simulate',
    {
      config: { access: { action: 'payments:write' } },
      schema: {
        tags: ['payments'],
        summary: 'Sandbox gateway: simulate the debtor paying (a signed notification through the webhook path)',
        body: simulatePayment,
        response: { 200: webhookAck.extend({ notification: z.record(z.string(), z.unknown()) }), ...withUnavailable },
      },
    },
    async (req) => {
      const out = await simulateSandboxPayment(deps, registry, booker, {
        instrumentId: req.body.instrument_id,
        amount: req.body.amount_idr !== undefined ? BigInt(req.body.amount_idr) : undefined,
        status: req.body.status,
        orderId: req.body.order_id,
      });
      return { received: true as const, verdict: out.verdict, order_ref: out.order_ref, payment_id: out.payment_id, notification: { ...out.notification } };
    },
  );

  app.get(
    '/webhook-receipts',
    {
      config: { access: { action: 'payments:read' } },
      schema: {
        tags: ['payments'],
        summary: 'Every gateway notification received, with its verdict (newest first)',
        querystring: receiptsQuery,
        response: { 200: z.object({ items: z.array(receipt), next_before_id: z.string().nullable() }), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await repo.listReceipts(deps.db.kysely, { gateway: q.gateway, orderRef: q.order_ref, verdict: q.verdict, beforeId: q.before_id ? BigInt(q.before_id) : undefined, limit: q.limit });
      const items = rows.slice(0, q.limit).map((r) => ({ ...r, id: r.id.toString(), received_at: r.received_at.toISOString() }));
      return { items, next_before_id: rows.length > q.limit ? (items[items.length - 1]?.id ?? null) : null };
    },
  );
};
