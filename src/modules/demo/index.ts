export { seedDemoPortfolio, type SeedDemoOptions, type SeedDemoSummary } from './seed.ts';
export { generateDemoDebtors, generateDemoPortfolio, DEMO_CREDITORS, type DemoDebtor, type DemoAccount, type DemoOptions } from './generate.ts';
