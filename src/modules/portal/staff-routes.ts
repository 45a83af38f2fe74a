import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { errorResponses } from '../../lib/error-schema.ts';
import { actorOf, principalOf } from '../auth/index.ts';
import { closeRequest, listForStaff } from './data-requests-service.ts';
import { closeBody, dataRequestOut, staffListQuery } from './schema.ts';

/** The compliance desk's side of UU PDP requests made in the portal. */
export const dataRequestStaffRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/data-requests',
    {
      config: { access: { action: 'data-requests:manage' } },
      schema: { tags: ['portal'], summary: 'UU PDP data-subject requests, oldest first (keyset pages)', querystring: staffListQuery, response: { 200: z.object({ items: z.array(dataRequestOut), next_cursor: z.string().nullable() }), ...errorResponses } },
    },
    async (req) => listForStaff(deps, actorOf(principalOf(req)), { status: req.query.status ?? null, kind: req.query.kind ?? null, cursor: req.query.cursor ?? null, limit: req.query.limit }),
  );

  app.post(
    '/data-requests/:id/close',
    {
      config: { access: { action: 'data-requests:manage' } },
      schema: { tags: ['portal'], summary: 'Close a request with its resolution', params: z.object({ id: z.string().uuid() }), body: closeBody, response: { 200: dataRequestOut, ...errorResponses, 409: errorResponses[400] } },
    },
    async (req) => closeRequest(deps, actorOf(principalOf(req)), req.params.id, req.body.resolution),
  );
};
