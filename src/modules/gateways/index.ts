import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import type { PaymentBooker } from './booking.ts';
import { gatewayRegistry } from './registry.ts';
import { instrumentRoutes } from './routes.ts';
import { webhookRoutes } from './webhook-routes.ts';

/**
 * Payment instruments (virtual accounts, payment links) through Midtrans, Xendit or the offline sandbox,
 * and their signed, idempotent webhooks. Registered by app.ts under `/api/v1`.
 */
export const gatewaysModule: FastifyPluginAsyncZod<{ deps: AppDeps; booker: PaymentBooker }> = async (app, { deps, booker }) => {
  const registry = gatewayRegistry(deps.config.gateways);
  await app.register(instrumentRoutes, { deps, registry, booker });
  await app.register(webhookRoutes, { deps, registry, booker });
};

export type { PaymentBooker, GatewayBooking } from './booking.ts';
export type { PaymentGateway, VerifiedNotification } from './gateway.ts';
export { gatewayRegistry, type GatewayRegistry } from './registry.ts';
export { handleWebhook, type WebhookOutcome } from './webhook-service.ts';
export { simulateSandboxPayment } from './simulate.ts';
export { midtransSignature } from './midtrans.ts';
export { signSandboxNotification, sandboxVaNumber } from './sandbox.ts';
