/** Collection strategies as versioned data: definition, validation, arm assignment and evaluation. Pure. */
export * from './definition.ts';
export { validateStrategy, STRATEGY_RULES, type StrategyIssue, type StrategyRule, type StrategyValidation, type TemplateRef } from './validate.ts';
export { armFor, armSlot, stableHash32 } from './arms.ts';
export { evaluateAccount, matches, stopApplies, type AccountFacts, type ActiveStrategy, type DueTreatment, type Evaluation } from './evaluate.ts';
export { DEFAULT_STRATEGY, DEFAULT_STRATEGY_TEMPLATES, type DefaultTemplate } from './default-strategy.ts';
