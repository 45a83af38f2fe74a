import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../app-deps.ts';
import { errorResponses } from '../../../lib/error-schema.ts';
import { AppError } from '../../../lib/app-error.ts';
import { actorOf, principalOf } from '../../auth/index.ts';
import { idParam } from '../shared/schema.ts';
import { listTemplatesQuery, newTemplateBody, previewBody, previewOut, templateOut } from './schema.ts';
import { createTemplateVersion, previewTemplate, retireTemplate } from './service.ts';

type Row = { id: string; code: string; channel: 'sms' | 'whatsapp' | 'email' | 'voice' | 'field'; language: 'id' | 'en'; version: number; subject: string | null; body: string; status: 'active' | 'retired'; created_by: string | null; created_at: Date };
const toOut = (r: Row, current: boolean) => ({ ...r, current, created_at: r.created_at.toISOString() });

/** Templates admin: versions per code/channel/language, lint on save, preview with sample values, retire. */
export const templateRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;

  app.get(
    '/templates',
    {
      config: { access: { action: 'policy:manage' } },
      schema: { tags: ['templates'], summary: 'Message templates, every version; `current` marks the version the dispatcher sends', querystring: listTemplatesQuery, response: { 200: z.object({ items: z.array(templateOut) }), ...errorResponses } },
    },
    async (req) => {
      let qb = db.selectFrom('message_templates').selectAll();
      const q = req.query;
      if (q.code) qb = qb.where('code', '=', q.code);
      if (q.channel) qb = qb.where('channel', '=', q.channel);
      if (q.language) qb = qb.where('language', '=', q.language);
      if (q.status) qb = qb.where('status', '=', q.status);
      const rows = await qb.orderBy('code').orderBy('channel').orderBy('language').orderBy('version', 'desc').limit(1000).execute();
      const seen = new Set<string>();
      return {
        items: rows.map((r) => {
          const key = `${r.code}|${r.channel}|${r.language}`;
          const current = r.status === 'active' && !seen.has(key);
          if (current) seen.add(key);
          return toOut(r, current);
        }),
      };
    },
  );

  app.post(
    '/templates',
    {
      config: { access: { action: 'policy:manage' } },
      schema: {
        tags: ['templates'],
        summary: 'Save a new version; refused with the rule and reason when the text fails the compliance lint',
        body: newTemplateBody,
        response: { 201: templateOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const row = await db.transaction().execute((trx) => createTemplateVersion(trx, req.body, { now: deps.now(), actor: actorOf(principalOf(req)) }));
      return reply.status(201).send(toOut(row, true));
    },
  );

  app.post(
    '/templates/preview',
    {
      config: { access: { action: 'policy:manage' } },
      schema: { tags: ['templates'], summary: 'Render a saved or draft template with sample variables and lint it', body: previewBody, response: { 200: previewOut, ...errorResponses } },
    },
    async (req) => {
      const b = req.body;
      if (b.template_id) {
        const t = await db.selectFrom('message_templates').selectAll().where('id', '=', b.template_id).executeTakeFirst();
        if (!t) throw new AppError('TAGIH_NOT_FOUND', `template ${b.template_id} not found`);
        return previewTemplate({ channel: t.channel, language: t.language, subject: t.subject, body: t.body }, b.variables);
      }
      return previewTemplate({ channel: b.channel!, language: b.language!, subject: b.subject ?? null, body: b.body! }, b.variables);
    },
  );

  app.post(
    '/templates/:id/retire',
    {
      config: { access: { action: 'policy:manage' } },
      schema: { tags: ['templates'], summary: 'Retire a version; the newest remaining active version becomes current', params: idParam, response: { 200: templateOut, ...errorResponses } },
    },
    async (req) => toOut(await db.transaction().execute((trx) => retireTemplate(trx, req.params.id, { now: deps.now(), actor: actorOf(principalOf(req)) })), false),
  );
};
