/**
 * Assignment rules as data: an ordered list of conditions over an account's facts, each naming the team
 * (and queue) that should work matching accounts. The first matching active rule wins; within the team,
 * the agent with the fewest open assignments gets the account (ties broken by id, so runs are repeatable).
 */
export interface AssignmentConditions {
  /** IANA zones of the debtor (WIB/WITA/WIT), e.g. `Asia/Makassar`. */
  readonly zones?: readonly string[];
  /** Province codes of the debtor. */
  readonly provinces?: readonly string[];
  readonly buckets?: readonly string[];
  readonly dpdMin?: number;
  readonly dpdMax?: number;
  readonly products?: readonly string[];
  readonly creditors?: readonly string[];
}

export interface AssignmentRule {
  readonly id: string;
  readonly position: number;
  readonly conditions: AssignmentConditions;
  readonly teamId: string;
  readonly queue: string;
  readonly mode: 'least_loaded' | 'team_pool';
}

export interface AccountFacts {
  readonly zone: string;
  readonly province: string | null;
  readonly bucket: string;
  readonly dpd: number;
  readonly product: string;
  readonly creditor: string;
}

const inList = (list: readonly string[] | undefined, value: string | null) => list === undefined || list.length === 0 || (value !== null && list.includes(value));

/** True when every stated condition holds; an empty condition set matches every account. */
export function ruleMatches(c: AssignmentConditions, a: AccountFacts): boolean {
  return (
    inList(c.zones, a.zone) &&
    inList(c.provinces, a.province) &&
    inList(c.buckets, a.bucket) &&
    inList(c.products, a.product) &&
    inList(c.creditors, a.creditor) &&
    (c.dpdMin === undefined || a.dpd >= c.dpdMin) &&
    (c.dpdMax === undefined || a.dpd <= c.dpdMax)
  );
}

/** The first rule by position (then id) whose conditions match, or null. */
export function matchRule<R extends AssignmentRule>(rules: readonly R[], facts: AccountFacts): R | null {
  const ordered = [...rules].sort((x, y) => x.position - y.position || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return ordered.find((r) => ruleMatches(r.conditions, facts)) ?? null;
}

/**
 * The least-loaded agent, ties by id; null when the team has no agent. Mutating `loads` is the caller's job
 * (so a batch can keep a running tally).
 */
export function pickLeastLoaded(loads: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestLoad = Infinity;
  for (const [userId, load] of loads) {
    if (load < bestLoad || (load === bestLoad && best !== null && userId < best)) {
      best = userId;
      bestLoad = load;
    }
  }
  return best;
}
