import type { Principal } from '../../lib/route-access.ts';
import type { Actor } from '../audit/index.ts';

/** The audit actor for a signed-in user. */
export function actorOf(principal: Principal): Actor {
  return { id: principal.userId, label: principal.username };
}
