import type { Action, Role } from '../domain/permissions.ts';

/**
 * Every route declares its access in `config.access`: public, authenticated only, or an action
 * from the permission table. A route without it is refused at registration (see app.ts), so nothing is open by accident.
 */
export type RouteAccess = { readonly public: true } | { readonly authenticated: true; readonly allowWithoutMfa?: boolean } | { readonly action: Action };

/** The signed-in user of a request, set by the auth module. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly teamId: string | null;
  readonly mfaVerified: boolean;
  readonly sessionId: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}
