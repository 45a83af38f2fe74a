import type { AccountDetail, TimelineEntry } from '../api-types.ts';
import { Badge } from '../components/Badge.tsx';
import { formatInstant } from '../format.ts';
import { useI18n } from '../i18n.ts';

const TONES = { interaction: 'info', payment: 'ok', delinquency: 'medium' } as const;

/** Everything that happened to the debtor, newest first, in the debtor's local time (what contact-hour rules use). */
export function Timeline({ entries, accounts, timeZone }: { entries: TimelineEntry[]; accounts: AccountDetail[]; timeZone: string }) {
  const { t, lang } = useI18n();
  const accountNo = new Map(accounts.map((a) => [a.id, a.account_no]));
  return (
    <div className="card">
      <h2 className="card-title">{t('debtor.timeline')}</h2>
      {entries.length === 0 && <p className="muted">{t('debtor.noTimeline')}</p>}
      <ol className="timeline" data-testid="timeline">
        {entries.map((e) => (
          <li key={`${e.kind}-${e.ref_id}`} className={`timeline-item timeline-${e.kind}`} data-testid="timeline-entry">
            <div className="timeline-meta">
              <Badge tone={TONES[e.kind]}>{t(`timeline.${e.kind}`)}</Badge>
              <span className="muted small">{formatInstant(e.at, lang, timeZone)}</span>
              {e.account_id && <span className="muted small mono">{accountNo.get(e.account_id) ?? ''}</span>}
            </div>
            <div className="timeline-summary">{e.summary}</div>
          </li>
        ))}
      </ol>
    </div>
  );
}
