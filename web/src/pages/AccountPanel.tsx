import type { AccountDetail } from '../api-types.ts';
import { BucketBadge } from '../components/BucketBadge.tsx';
import { DpdBadge } from '../components/DpdBadge.tsx';
import { KolBadge } from '../components/KolBadge.tsx';
import { formatDate, formatIdr } from '../format.ts';
import { useI18n } from '../i18n.ts';
import { PaymentsTable } from './PaymentsTable.tsx';
import { ScheduleTable } from './ScheduleTable.tsx';

/** One account of the debtor: the figures a collector quotes on the phone, then its schedule and payments. */
export function AccountPanel({ account: a }: { account: AccountDetail }) {
  const { t, lang } = useI18n();
  return (
    <article className="card account-panel" data-testid="debtor-account" data-account-no={a.account_no}>
      <header className="account-head">
        <div>
          <h3 className="mono">{a.account_no}</h3>
          <div className="muted small">
            {a.product} · {a.creditor_code} · {a.status}
          </div>
        </div>
        <div className="badges">
          <DpdBadge dpd={a.dpd} />
          <BucketBadge bucket={a.bucket} />
          <KolBadge kol={a.kol} />
        </div>
      </header>
      <dl className="figures">
        <div>
          <dt>{t('account.outstanding')}</dt>
          <dd className="figure">{formatIdr(a.outstanding_idr)}</dd>
        </div>
        <div>
          <dt>{t('account.installment')}</dt>
          <dd>{formatIdr(a.installment_idr)}</dd>
        </div>
        <div>
          <dt>{t('account.tenor')}</dt>
          <dd>{a.tenor_months === null ? t('common.none') : t('account.months', { n: a.tenor_months })}</dd>
        </div>
        <div>
          <dt>{t('account.oldestDue')}</dt>
          <dd>{formatDate(a.oldest_unpaid_due_date, lang)}</dd>
        </div>
        <div>
          <dt>{t('account.va')}</dt>
          <dd className="mono">{a.va_number ?? t('common.none')}</dd>
        </div>
      </dl>
      <details className="subsection" open={a.schedule.length > 0}>
        <summary>
          {t('account.schedule')} ({a.schedule.length})
        </summary>
        <ScheduleTable lines={a.schedule} />
      </details>
      <details className="subsection" open={a.payments.length > 0}>
        <summary>
          {t('account.payments')} ({a.payments.length})
        </summary>
        <PaymentsTable payments={a.payments} />
      </details>
    </article>
  );
}
