import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../app-deps.ts';
import { errorBody, errorResponses } from '../../../lib/error-schema.ts';
import { AppError } from '../../../lib/app-error.ts';
import { actorOf, principalOf } from '../../auth/index.ts';
import { loadContactRules } from '../shared/contact-window.ts';
import { casePolicyOf } from '../shared/context.ts';
import { idParam } from '../shared/schema.ts';
import * as repo from './repo.ts';
import { checkOutBody, gpsFix, newVisitBody, photoParams, visitOut } from './schema.ts';
import { addPhoto, checkIn, checkOut, scheduleVisit, toVisitView, visibleVisit } from './service.ts';

/** Photos are evidence, not archives: 5 MB is ample for a phone photo and bounds the table's growth. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Field visits: schedule (supervisors), my visits, GPS check-in within the field window, photos, check-out. */
export const fieldVisitRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;
  const view = async (id: string) => {
    const v = await repo.findVisit(db, id);
    if (!v) throw new AppError('TAGIH_NOT_FOUND', `field visit ${id} not found`);
    return toVisitView(v, await repo.photosOf(db, [id]));
  };

  app.post(
    '/field-visits',
    {
      config: { access: { action: 'cases:manage' } },
      schema: { tags: ['field'], summary: 'Assign a field visit to a field agent', body: newVisitBody, response: { 201: visitOut, ...errorResponses } },
    },
    async (req, reply) => {
      const b = req.body;
      const v = await db.transaction().execute((trx) =>
        scheduleVisit(trx, { target: b.work_item_id ? { workItemId: b.work_item_id } : { accountId: b.account_id! }, fieldAgentId: b.field_agent_id, scheduledFor: new Date(b.scheduled_for), notes: b.notes }, { now: deps.now(), actor: actorOf(principalOf(req)) }),
      );
      return reply.status(201).send(toVisitView(v, []));
    },
  );

  app.get(
    '/field-visits/me',
    {
      config: { access: { action: 'interactions:write' } },
      schema: { tags: ['field'], summary: 'My open field visits, earliest first', response: { 200: z.object({ items: z.array(visitOut) }), ...errorResponses } },
    },
    async (req) => {
      const visits = await repo.openVisitsOf(db, principalOf(req).userId);
      const photos = await repo.photosOf(db, visits.map((v) => v.id));
      return { items: visits.map((v) => toVisitView(v, photos)) };
    },
  );

  app.get(
    '/field-visits/:id',
    {
      config: { access: { action: 'portfolio:read' } },
      schema: { tags: ['field'], summary: 'One field visit with check-in/out and photo list', params: idParam, response: { 200: visitOut, ...errorResponses } },
    },
    async (req) => {
      await visibleVisit(db, principalOf(req), req.params.id);
      return view(req.params.id);
    },
  );

  app.post(
    '/field-visits/:id/check-in',
    {
      config: { access: { action: 'interactions:write' } },
      schema: {
        tags: ['field'],
        summary: "GPS check-in; refused (409, with reasons and next_allowed_at) outside the policy's field window or under a hold",
        params: idParam,
        body: gpsFix,
        response: { 200: visitOut, 409: errorBody, ...errorResponses },
      },
    },
    async (req) => {
      const p = principalOf(req);
      await checkIn(db, p.userId, req.params.id, req.body, await loadContactRules(db), { now: deps.now(), actor: actorOf(p) });
      return view(req.params.id);
    },
  );

  app.post(
    '/field-visits/:id/photos',
    {
      config: { access: { action: 'interactions:write' } },
      schema: {
        tags: ['field'],
        summary: `Upload photo evidence (multipart field "file"; JPEG, PNG or WebP; at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB)`,
        consumes: ['multipart/form-data'],
        params: idParam,
        response: { 201: z.object({ id: z.string(), content_type: z.string(), size_bytes: z.number().int(), sha256: z.string() }), 413: errorBody, ...errorResponses },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      if (!req.isMultipart()) throw new AppError('TAGIH_VALIDATION', 'expected a multipart upload with a "file" field', [{ path: '/file', message: 'missing' }]);
      const file = await req.file({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1 } });
      if (!file) throw new AppError('TAGIH_VALIDATION', 'expected a multipart upload with a "file" field', [{ path: '/file', message: 'missing' }]);
      const bytes = await file.toBuffer();
      if (file.file.truncated) throw new AppError('TAGIH_PAYLOAD_TOO_LARGE', `a photo may be at most ${MAX_PHOTO_BYTES} bytes`);
      const photo = await db.transaction().execute((trx) => addPhoto(trx, p.userId, req.params.id, bytes, { now: deps.now(), actor: actorOf(p) }));
      return reply.status(201).send(photo);
    },
  );

  app.get(
    '/field-visits/:id/photos/:photoId',
    {
      config: { access: { action: 'portfolio:read' } },
      schema: { tags: ['field'], summary: 'The photo bytes, with their sniffed content type', params: photoParams, response: { 200: z.unknown().describe('image bytes'), ...errorResponses } },
    },
    async (req, reply) => {
      await visibleVisit(db, principalOf(req), req.params.id);
      const photo = await db.selectFrom('field_visit_photos').select(['content_type', 'bytes']).where('id', '=', req.params.photoId).where('visit_id', '=', req.params.id).executeTakeFirst();
      if (!photo) throw new AppError('TAGIH_NOT_FOUND', `photo ${req.params.photoId} not found`);
      return reply.header('content-type', photo.content_type).header('x-content-type-options', 'nosniff').send(Buffer.from(photo.bytes));
    },
  );

  app.post(
    '/field-visits/:id/check-out',
    {
      config: { access: { action: 'interactions:write' } },
      schema: { tags: ['field'], summary: 'GPS check-out with the outcome (ptp takes a promise); completes the visit work item', params: idParam, body: checkOutBody, response: { 200: visitOut, ...errorResponses } },
    },
    async (req) => {
      const p = principalOf(req);
      await db.transaction().execute((trx) => checkOut(trx, p.userId, req.params.id, req.body, { now: deps.now(), actor: actorOf(p), policy: casePolicyOf(deps.config) }));
      return view(req.params.id);
    },
  );
};
