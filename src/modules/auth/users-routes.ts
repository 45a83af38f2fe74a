import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import type { User } from '../../db/schema.ts';
import { actorOf } from './actor.ts';
import { principalOf } from './authorize.ts';
import {
  createTeamBody,
  createUserBody,
  resetPasswordBody,
  resetPasswordResponse,
  team,
  teamsListResponse,
  updateUserBody,
  userAdminView,
  userIdParams,
  usersListResponse,
} from './schema.ts';
import { createUser, ensureTeam, listTeams, listUsers, resetPassword, updateUser } from './users-service.ts';

function adminViewOf(u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    teamId: u.team_id,
    mfaEnabled: u.mfa_enabled,
    disabled: u.disabled_at !== null,
    lockedUntil: u.locked_until?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(),
  };
}

/** User and team administration (action `users:manage`); every change is audited by the service. */
export const usersRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const access = { action: 'users:manage' } as const;

  app.get('/users', { config: { access }, schema: { tags: ['users'], response: { 200: usersListResponse } } }, async () => ({
    users: (await listUsers(deps)).map(adminViewOf),
  }));

  app.post('/users', { config: { access }, schema: { tags: ['users'], body: createUserBody, response: { 201: userAdminView } } }, async (request, reply) => {
    const user = await createUser(deps, actorOf(principalOf(request)), request.body);
    return reply.status(201).send(adminViewOf(user));
  });

  app.patch(
    '/users/:id',
    { config: { access }, schema: { tags: ['users'], params: userIdParams, body: updateUserBody, response: { 200: userAdminView } } },
    async (request) => adminViewOf(await updateUser(deps, actorOf(principalOf(request)), request.params.id, request.body)),
  );

  app.post(
    '/users/:id/password',
    { config: { access }, schema: { tags: ['users'], params: userIdParams, body: resetPasswordBody, response: { 200: resetPasswordResponse } } },
    async (request) => {
      await resetPassword(deps, actorOf(principalOf(request)), request.params.id, request.body.password);
      return { passwordReset: true as const };
    },
  );

  app.get('/teams', { config: { access }, schema: { tags: ['users'], response: { 200: teamsListResponse } } }, async () => ({ teams: await listTeams(deps) }));

  app.post('/teams', { config: { access }, schema: { tags: ['users'], body: createTeamBody, response: { 201: team, 200: team } } }, async (request, reply) => {
    const t = await ensureTeam(deps, actorOf(principalOf(request)), request.body.name);
    return reply.status(t.created ? 201 : 200).send({ id: t.id, name: t.name });
  });
};
