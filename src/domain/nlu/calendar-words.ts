/** Indonesian (and common English/abbreviated) month and weekday names as debtors type them. */

/** Month number (1–12) by lowercase name or abbreviation. */
export const MONTHS: Readonly<Record<string, number>> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, feb: 2, pebruari: 2, peb: 2, february: 2,
  maret: 3, mar: 3, march: 3, mrt: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, agst: 8, ags: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nov: 11, nop: 11, nopember: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

/** ISO weekday (1 = Monday … 7 = Sunday) by lowercase name. `minggu` is also "week"; callers disambiguate. */
export const WEEKDAYS: Readonly<Record<string, number>> = {
  senin: 1, selasa: 2, rabu: 3, kamis: 4, jumat: 5, jumaat: 5, jmt: 5, sabtu: 6, minggu: 7, ahad: 7,
};
