import { describe, expect, it } from 'vitest';
import { parseCsvDate } from './csv-date.ts';

describe('parseCsvDate', () => {
  it.each([
    ['2025-01-02', '2025-01-02'],
    ['02/01/2025', '2025-01-02'],
    ['2/1/2025', '2025-01-02'],
    ['02-01-25', '2025-01-02'],
    ['02-01-2025', '2025-01-02'],
    ['02.01.2025', '2025-01-02'],
    ['02/01/25', '2025-01-02'],
    ['02/01/2025 14:03:11', '2025-01-02'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s', (raw, iso) => {
    expect(parseCsvDate(raw, 'auto')).toBe(iso);
  });

  it.each(['2025-02-29', '31/04/2025', '2025-13-01', '01/13/2025', 'PEND', '', '2025/1', '20250102'])('rejects %j', (raw) => {
    expect(parseCsvDate(raw, 'auto')).toBeNull();
  });

  it('holds a preset to its declared layout', () => {
    expect(parseCsvDate('2025-01-02', 'DD/MM/YYYY')).toBeNull();
    expect(parseCsvDate('02/01/2025', 'DD/MM/YYYY')).toBe('2025-01-02');
  });
});
