/** The contact-policy engine: pure rules deciding whether, and when, a contact may happen. */
export { CHANNELS, ELECTRONIC_CHANNELS, PURPOSES, WEEKDAYS, ATTEMPT_OUTCOMES, isElectronicChannel } from './channels.ts';
export type { Channel, ElectronicChannel, Purpose, Weekday, AttemptOutcome } from './channels.ts';
export { BLOCK_REASONS, STANDING_REASONS, orderReasons } from './block-reasons.ts';
export type { BlockReason, StandingReason } from './block-reasons.ts';
export type { ContactPolicy, TimeWindow, FrequencyCaps, RegFRules } from './policy.ts';
export { contactPolicySchema, validatePolicy } from './policy-schema.ts';
export type { PolicyIssue, PolicyValidation } from './policy-schema.ts';
export { POLICY_PRESETS, ID_OJK_POLICY, US_REG_F_POLICY, policyPreset } from './presets.ts';
export type { PolicyPreset } from './presets.ts';
export { HOLIDAY_OVERRIDE_KINDS, createHolidayCalendar } from './holiday-calendar.ts';
export type { HolidayCalendar, HolidayCalendarOptions, HolidayInfo, HolidayOverride, HolidayOverrideKind } from './holiday-calendar.ts';
export { ID_2026_OVERRIDES } from './cuti-bersama-2026.ts';
export type { ContactPoint, DebtorContactState, OutsideWindowConsent, PreferredHours, ContactAttempt, ContactRequest, ContactDecision } from './request.ts';
export { evaluateContact, NEXT_ALLOWED_HORIZON_DAYS } from './evaluate.ts';
export { isValidZone } from './local-time.ts';
export { indonesianCalendar } from './default-calendar.ts';
