import { AppError } from '../../lib/app-error.ts';
import type { StrategyIssue } from '../../domain/strategy/index.ts';

/** A definition refused on save or activation: 400 with every issue (rule, path, message) in `details`. */
export function invalidStrategy(issues: readonly StrategyIssue[]): AppError {
  const first = issues[0];
  return new AppError('TAGIH_VALIDATION', `strategy refused: ${first ? `${first.path}: ${first.message}` : 'invalid'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`, issues);
}

export function strategyNotFound(version: number): AppError {
  return new AppError('TAGIH_NOT_FOUND', `no strategy version ${version}`);
}
