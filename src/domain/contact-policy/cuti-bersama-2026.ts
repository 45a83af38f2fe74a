import type { HolidayOverride } from './holiday-calendar.ts';

/**
 * Indonesia 2026, per the SKB 3 Menteri on national holidays and cuti bersama for 2026
 * (17 holidays, 8 cuti bersama), transcribed from memory of the published decree and NOT
 * checked against the signed text in this repository — compliance must confirm it before
 * production, and add each later year's SKB the same way.
 *
 * Besides the 8 cuti bersama it corrects the library where the SKB differs: Idul Fitri
 * 1447 H is 21–22 March (the library says 20–21; 20 March is cuti bersama) and Easter
 * Sunday (5 April) is a national holiday the library lacks.
 */
export const ID_2026_OVERRIDES: readonly HolidayOverride[] = [
  { date: '2026-02-16', kind: 'collective_leave', name: 'Cuti Bersama Tahun Baru Imlek 2577 Kongzili' },
  { date: '2026-03-18', kind: 'collective_leave', name: 'Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1948' },
  { date: '2026-03-20', kind: 'collective_leave', name: 'Cuti Bersama Idul Fitri 1447 H' },
  { date: '2026-03-21', kind: 'holiday', name: 'Hari Raya Idul Fitri 1447 H' },
  { date: '2026-03-22', kind: 'holiday', name: 'Hari Raya Idul Fitri 1447 H' },
  { date: '2026-03-23', kind: 'collective_leave', name: 'Cuti Bersama Idul Fitri 1447 H' },
  { date: '2026-03-24', kind: 'collective_leave', name: 'Cuti Bersama Idul Fitri 1447 H' },
  { date: '2026-04-05', kind: 'holiday', name: 'Kebangkitan Yesus Kristus (Paskah)' },
  { date: '2026-05-15', kind: 'collective_leave', name: 'Cuti Bersama Kenaikan Yesus Kristus' },
  { date: '2026-05-28', kind: 'collective_leave', name: 'Cuti Bersama Idul Adha 1447 H' },
  { date: '2026-12-24', kind: 'collective_leave', name: 'Cuti Bersama Kelahiran Yesus Kristus' },
];
