import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../app-deps.ts';
import { errorResponses } from '../../../lib/error-schema.ts';
import { AppError } from '../../../lib/app-error.ts';
import { audit } from '../../audit/index.ts';
import { actorOf, principalOf } from '../../auth/index.ts';
import { idParam } from '../shared/schema.ts';
import { assignBody, autoAssignOut, newRuleBody, ruleOut } from './schema.ts';
import { assignAccount, autoAssign } from './service.ts';

type RuleRow = { id: string; name: string; position: number; conditions: unknown; team_id: string; queue: string; mode: 'least_loaded' | 'team_pool'; agent_role: 'agent' | 'field_agent'; active: boolean };
const toOut = (r: RuleRow) => ({ ...r, conditions: (typeof r.conditions === 'string' ? JSON.parse(r.conditions) : r.conditions) as Record<string, unknown> });

/** Manual (re)assignment of accounts and the assignment rules (data) with the auto-assign run. */
export const assignmentRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;
  const cols = ['id', 'name', 'position', 'conditions', 'team_id', 'queue', 'mode', 'agent_role', 'active'] as const;

  app.put(
    '/accounts/:id/assignment',
    {
      config: { access: { action: 'cases:manage' } },
      schema: {
        tags: ['cases'],
        summary: 'Assign or reassign an account to an agent and/or team (history kept; open work items follow)',
        params: idParam,
        body: assignBody,
        response: { 200: z.object({ account_id: z.string(), user_id: z.string().nullable(), team_id: z.string().nullable() }), ...errorResponses },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const b = req.body;
      const to = await db.transaction().execute((trx) => assignAccount(trx, req.params.id, { userId: b.user_id, teamId: b.team_id, ...(b.queue ? { queue: b.queue } : {}) }, b.reason, { now: deps.now(), actor: actorOf(p) }));
      return { account_id: req.params.id, user_id: to.userId, team_id: to.teamId };
    },
  );

  app.get(
    '/assignment-rules',
    {
      config: { access: { action: 'cases:manage' } },
      schema: { tags: ['cases'], summary: 'Assignment rules in evaluation order', response: { 200: z.object({ items: z.array(ruleOut) }), ...errorResponses } },
    },
    async () => ({ items: (await db.selectFrom('assignment_rules').select(cols).orderBy('active', 'desc').orderBy('position').orderBy('id').execute()).map(toOut) }),
  );

  app.post(
    '/assignment-rules',
    {
      config: { access: { action: 'cases:manage' } },
      schema: { tags: ['cases'], summary: 'Add an assignment rule (first matching active rule by position wins)', body: newRuleBody, response: { 201: ruleOut, ...errorResponses } },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const b = req.body;
      if (!(await db.selectFrom('teams').select('id').where('id', '=', b.team_id).executeTakeFirst())) {
        throw new AppError('TAGIH_VALIDATION', `team ${b.team_id} not found`, [{ path: '/team_id', message: 'no such team' }]);
      }
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('assignment_rules')
          .values({ name: b.name, position: b.position, conditions: JSON.stringify(b.conditions), team_id: b.team_id, queue: b.queue, mode: b.mode, agent_role: b.agent_role, created_by: p.userId })
          .returning(cols)
          .executeTakeFirstOrThrow();
        await audit(trx, { actor: actorOf(p), action: 'assignment_rule.create', entityType: 'assignment_rule', entityId: r.id, details: { name: b.name, position: b.position, conditions: b.conditions, team_id: b.team_id }, at: deps.now() });
        return r;
      });
      return reply.status(201).send(toOut(row));
    },
  );

  app.post(
    '/assignment-rules/:id/deactivate',
    {
      config: { access: { action: 'cases:manage' } },
      schema: { tags: ['cases'], summary: 'Stop using an assignment rule (kept for history)', params: idParam, response: { 200: ruleOut, ...errorResponses } },
    },
    async (req) => {
      const p = principalOf(req);
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('assignment_rules').set({ active: false }).where('id', '=', req.params.id).returning(cols).executeTakeFirst();
        if (!r) throw new AppError('TAGIH_NOT_FOUND', `assignment rule ${req.params.id} not found`);
        await audit(trx, { actor: actorOf(p), action: 'assignment_rule.deactivate', entityType: 'assignment_rule', entityId: r.id, at: deps.now() });
        return r;
      });
      return toOut(row);
    },
  );

  app.post(
    '/assignments/auto',
    {
      config: { access: { action: 'cases:manage' } },
      schema: { tags: ['cases'], summary: 'Assign every unassigned active account by the rules (least-loaded agent or team pool)', response: { 200: autoAssignOut, ...errorResponses } },
    },
    async (req) => {
      const p = principalOf(req);
      const now = deps.now();
      const summary = await autoAssign(db, { now, actor: actorOf(p) });
      await audit(db, { actor: actorOf(p), action: 'assignment.auto', entityType: 'portfolio', details: { ...summary }, at: now });
      return summary;
    },
  );
};
