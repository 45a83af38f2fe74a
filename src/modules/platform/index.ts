import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { ping } from '../../db/connection.ts';

/** Liveness and readiness for load balancers and orchestrators. */
export const platformModule: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/healthz',
    { config: { access: { public: true } }, schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { access: { public: true } },
      schema: { hide: true, response: { 200: z.object({ status: z.literal('ready'), database: z.string() }), 503: z.object({ status: z.literal('unavailable'), database: z.string() }) } },
    },
    async (_req, reply) => {
      const ok = await ping(deps.db);
      if (!ok) return reply.status(503).send({ status: 'unavailable' as const, database: deps.db.kind });
      return { status: 'ready' as const, database: deps.db.kind };
    },
  );
};
