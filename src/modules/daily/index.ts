/** The daily batch: `tagih run daily`, and its schedule inside `npm start`. */
export { runDaily, DailyBusyError, DAILY_JOB, DAILY_LEASE, type DailyRunOptions, type DailyStep, type DailySummary } from './run-daily.ts';
export { scheduleDaily, nextRunAt, type DailyScheduler } from './scheduler.ts';
