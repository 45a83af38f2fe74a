import { importErrorsUrl } from '../api.ts';
import type { ImportJobResult } from '../api-types.ts';
import { Badge } from '../components/Badge.tsx';
import { useI18n, type MessageKey } from '../i18n.ts';

/** Rows shown inline; the full list is in the downloadable report. */
export const MAX_ERRORS_SHOWN = 200;

function statusTone(r: ImportJobResult): 'ok' | 'medium' | 'critical' {
  if (r.rejected === 0) return 'ok';
  return r.inserted + r.updated > 0 ? 'medium' : 'critical';
}

/** Counts, the first rejected rows, and a link to the complete error report. */
export function ImportResultView({ result }: { result: ImportJobResult }) {
  const { t } = useI18n();
  const counts: [MessageKey, number, string][] = [
    ['import.rowsRead', result.rows_read, 'rows_read'],
    ['import.inserted', result.inserted, 'inserted'],
    ['import.updated', result.updated, 'updated'],
    ['import.rejected', result.rejected, 'rejected'],
  ];
  const shown = result.errors.slice(0, MAX_ERRORS_SHOWN);
  return (
    <div className="card import-result" data-testid="import-result">
      <div className="page-head">
        <h2 className="card-title">{t('import.result')}</h2>
        <Badge tone={statusTone(result)} testId="import-status">
          {result.status}
        </Badge>
      </div>
      <dl className="stats">
        {counts.map(([label, n, id]) => (
          <div key={id} className="stat" data-testid={`import-${id}`}>
            <dt>{t(label)}</dt>
            <dd>{n.toLocaleString('id-ID')}</dd>
          </div>
        ))}
      </dl>
      {result.errors.length > 0 && (
        <>
          <div className="page-head">
            <h3>{t('import.errors')}</h3>
            <a className="btn btn-small" href={importErrorsUrl(result.id)} download data-testid="import-errors-link">
              {t('import.downloadErrors')}
            </a>
          </div>
          {result.errors.length > shown.length && <p className="muted small">{t('import.errorsMore', { shown: shown.length, total: result.errors.length })}</p>}
          <div className="table-wrap">
            <table className="table table-compact" data-testid="import-errors">
              <thead>
                <tr>
                  <th className="num col-narrow">{t('import.col.row')}</th>
                  <th>{t('import.col.field')}</th>
                  <th>{t('import.col.message')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((e, i) => (
                  <tr key={`${e.row}-${e.field}-${i}`}>
                    <td className="num mono">{e.row}</td>
                    <td className="mono">{e.field}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
