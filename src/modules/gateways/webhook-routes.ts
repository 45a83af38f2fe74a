import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { GATEWAYS } from '../../db/schema-gateways.ts';
import { AppError } from '../../lib/app-error.ts';
import { errorResponses } from '../../lib/error-schema.ts';
import type { PaymentBooker } from './booking.ts';
import type { GatewayRegistry } from './registry.ts';
import { webhookAck } from './schema.ts';
import { handleWebhook } from './webhook-service.ts';

/**
 * `POST /webhooks/{midtrans,xendit,sandbox}`: public routes, because the caller is the gateway, not a user;
 * each authenticates the call with its gateway's own signature (checked in the adapter) instead of a session.
 */
export const webhookRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; registry: GatewayRegistry; booker: PaymentBooker }> = async (app, { deps, registry, booker }) => {
  for (const name of GATEWAYS) {
    app.post(
      `/webhooks/${name}`,
      {
        config: { access: { public: true } },
        schema: {
          tags: ['webhooks'],
          summary: `${name} payment notification (signature-checked; 401 when it does not verify)`,
          security: [],
          body: z.unknown(),
          response: { 200: webhookAck, ...errorResponses, 503: errorResponses[400] },
        },
      },
      async (req) => {
        const gateway = registry.get(name);
        if (!gateway) throw new AppError('TAGIH_UNAVAILABLE', `gateway ${name} is not configured`);
        const out = await handleWebhook(deps, booker, gateway, { headers: req.headers, body: req.body, remoteIp: req.ip });
        return { received: true as const, ...out };
      },
    );
  }
};
