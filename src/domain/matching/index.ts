/**
 * Statement matching engine — pure: a credit line and the accounts the caller looked up in, a decision with
 * ranked candidates (confidence + rule) out. See `matchLine` for the rules and why only some book automatically.
 */
export { matchLine, isExpectedAmount, DEFAULT_MATCH_RULES, type MatchRules } from './match-line.ts';
export { nameScore, scoreName, descriptionWords, comparableName, editDistance } from './name-similarity.ts';
export { extractIdentifiers, normalizeIdentifier, normalizeText, nameTokens } from './normalize.ts';
export {
  MATCH_RULES,
  MAX_CANDIDATES,
  type MatchRule,
  type AccountCandidate,
  type CandidateLookup,
  type CreditLine,
  type MatchCandidate,
  type MatchDecision,
} from './match-types.ts';
