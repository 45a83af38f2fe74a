import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ImportJobResult } from '../api-types.ts';
import { ImportResultView, MAX_ERRORS_SHOWN } from './ImportResultView.tsx';

/** The import route is not on this branch yet; the page is checked against the documented response. */
const render = (result: ImportJobResult) => renderToStaticMarkup(createElement(ImportResultView, { result }));
const cells = (html: string) => [...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);

describe('ImportResultView', () => {
  it('shows the counts, each rejected row and the error report link', () => {
    const html = render({
      id: 'job-7',
      status: 'completed',
      rows_read: 4,
      inserted: 2,
      updated: 1,
      rejected: 1,
      errors: [{ row: 3, field: 'phone', message: 'not an Indonesian phone number' }],
    });
    expect(html).toMatch(/data-testid="import-rows_read"><dt>Baris dibaca<\/dt><dd>4<\/dd>/);
    expect(html).toMatch(/data-testid="import-inserted"><dt>Ditambahkan<\/dt><dd>2<\/dd>/);
    expect(html).toMatch(/data-testid="import-updated"><dt>Diperbarui<\/dt><dd>1<\/dd>/);
    expect(html).toMatch(/data-testid="import-rejected"><dt>Ditolak<\/dt><dd>1<\/dd>/);
    expect(cells(html)).toEqual(['3', 'phone', 'not an Indonesian phone number']);
    expect(html).toContain('href="/api/v1/imports/job-7/errors.csv"');
    expect(html).toContain('badge-medium');
  });

  it('offers no error report when nothing was rejected', () => {
    const html = render({ id: 'job-8', status: 'completed', rows_read: 4, inserted: 4, updated: 0, rejected: 0, errors: [] });
    expect(html).not.toContain('errors.csv');
    expect(html).not.toContain('<table');
    expect(html).toContain('badge-ok');
  });

  it('lists only the first rows of a large rejection and says how many there are', () => {
    const errors = Array.from({ length: 1500 }, (_, i) => ({ row: i + 1, field: 'nik', message: 'bad NIK' }));
    const html = render({ id: 'job-9', status: 'rejected', rows_read: 1500, inserted: 0, updated: 0, rejected: 1500, errors });
    expect(cells(html).length).toBe(MAX_ERRORS_SHOWN * 3);
    expect(html).toContain(`Menampilkan ${MAX_ERRORS_SHOWN} dari 1500 kesalahan`);
    expect(html).toContain('<dd>1.500</dd>');
    expect(html).toContain('badge-critical');
  });
});
