import { ID_2026_OVERRIDES } from './cuti-bersama-2026.ts';
import { createHolidayCalendar, type HolidayCalendar, type HolidayOverride } from './holiday-calendar.ts';

/**
 * Indonesian public holidays with the shipped SKB overrides, plus the lender's own
 * (later entries win, so an admin's correction overrides a shipped one).
 */
export function indonesianCalendar(extraOverrides: readonly HolidayOverride[] = []): HolidayCalendar {
  return createHolidayCalendar({ country: 'ID', overrides: [...ID_2026_OVERRIDES, ...extraOverrides] });
}
