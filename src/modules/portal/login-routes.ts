import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { errorResponses } from '../../lib/error-schema.ts';
import { perIp } from '../../lib/rate-limit.ts';
import { debtorAuthHeader, debtorSessionOf } from './debtor-session.ts';
import { requestOtp, verifyOtp } from './login-service.ts';
import type { OtpSender } from './otp-sender.ts';
import * as repo from './repo.ts';
import { loginOut, otpChallengeOut, otpRequestBody, otpVerifyBody } from './schema.ts';

const limited = { 423: errorResponses[400], 429: errorResponses[400] };

/** Debtor sign-in by one-time code. Public routes: the debtor is not a staff user. */
export const portalLoginRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; sender: OtpSender }> = async (app, { deps, sender }) => {
  // Besides the per-account and per-IP code limits of login-service: a plain request ceiling per IP and route.
  const throttled = { access: { public: true }, rateLimit: perIp(deps.config.rateLimits.portalLoginPerIp) } as const;
  app.post(
    '/portal/otp',
    {
      config: throttled,
      schema: {
        tags: ['portal'],
        summary: 'Ask for a login code: sent to the registered phone when account number and birth date match',
        description: 'The answer is the same whether or not the account exists. At most 3 codes per account number per 15 minutes.',
        body: otpRequestBody,
        response: { 202: otpChallengeOut, ...errorResponses, ...limited },
      },
    },
    async (req, reply) => {
      const c = await requestOtp(deps, sender, { accountNo: req.body.account_no, birthDate: req.body.birth_date, ip: req.ip });
      return reply.status(202).send({
        challenge_id: c.challengeId,
        expires_at: c.expiresAt.toISOString(),
        message: 'Jika data Anda cocok, kode 6 digit telah dikirim ke nomor telepon yang terdaftar. Kode berlaku 5 menit.',
      });
    },
  );

  app.post(
    '/portal/otp/verify',
    {
      config: throttled,
      schema: { tags: ['portal'], summary: 'Exchange the code for a portal session token (Bearer)', body: otpVerifyBody, response: { 200: loginOut, ...errorResponses, ...limited } },
    },
    async (req) => {
      const login = await verifyOtp(deps, req.body.challenge_id, req.body.code);
      return { token: login.token, token_type: 'Bearer' as const, expires_at: login.expiresAt.toISOString() };
    },
  );

  app.post(
    '/portal/logout',
    {
      config: { access: { public: true } },
      schema: { tags: ['portal'], summary: 'End the portal session', headers: debtorAuthHeader, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      const s = await debtorSessionOf(deps, req);
      await repo.revokeSession(deps.db.kysely, s.sessionId, deps.now());
      return reply.status(204).send(null);
    },
  );
};
