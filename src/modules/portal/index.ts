import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { portalLoginRoutes } from './login-routes.ts';
import { sandboxOtpSender, type OtpSender } from './otp-sender.ts';
import { portalSelfRoutes } from './self-routes.ts';
import { dataRequestStaffRoutes } from './staff-routes.ts';

export { requestOtp, verifyOtp, type OtpChallenge, type PortalLogin } from './login-service.ts';
export { exportOwnData } from './data-requests-service.ts';
export type { DebtorSession } from './debtor-session.ts';
export { sandboxOtpSender, readSandboxOtps, sandboxOtpFile, type OtpSender, type OtpMessage } from './otp-sender.ts';

export interface PortalModuleOptions {
  readonly deps: AppDeps;
  /** Where login codes go; default: the local sandbox file under TAGIH_DATA_DIR. */
  readonly otpSender?: OtpSender;
}

/**
 * Debtor self-service: OTP login, balances, schedule, payment instructions, promises, plan requests, disputes,
 * contact preferences and UU PDP requests under `/api/v1/portal/…`, plus the compliance desk's `/api/v1/data-requests`.
 */
export const portalModule: FastifyPluginAsyncZod<PortalModuleOptions> = async (app, opts) => {
  const sender = opts.otpSender ?? sandboxOtpSender(opts.deps.config.dataDir);
  await app.register(portalLoginRoutes, { deps: opts.deps, sender });
  await app.register(portalSelfRoutes, { deps: opts.deps });
  await app.register(dataRequestStaffRoutes, { deps: opts.deps });
};
