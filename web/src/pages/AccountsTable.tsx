import type { AccountSummary } from '../api-types.ts';
import { BucketBadge } from '../components/BucketBadge.tsx';
import { DpdBadge } from '../components/DpdBadge.tsx';
import { KolBadge } from '../components/KolBadge.tsx';
import { Link } from '../components/Link.tsx';
import { formatIdr, zoneLabel } from '../format.ts';
import { useI18n } from '../i18n.ts';

export function AccountsTable({ items }: { items: AccountSummary[] }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <div className="table-wrap card">
      <table className="table" data-testid="accounts-table">
        <thead>
          <tr>
            <th>{t('accounts.col.accountNo')}</th>
            <th>{t('accounts.col.debtor')}</th>
            <th className="hide-sm">{t('accounts.col.creditor')}</th>
            <th className="hide-sm">{t('accounts.col.product')}</th>
            <th className="num">{t('accounts.col.outstanding')}</th>
            <th>{t('accounts.col.dpd')}</th>
            <th>{t('accounts.col.bucket')}</th>
            <th>{t('accounts.col.kol')}</th>
            <th>{t('accounts.col.zone')}</th>
            <th className="hide-sm">{t('accounts.col.assigned')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} data-testid="account-row" data-account-no={a.account_no}>
              <td className="mono">{a.account_no}</td>
              <td>
                <Link to={`/debtors/${a.debtor_id}`} className="strong-link">
                  {a.debtor_name}
                </Link>
              </td>
              <td className="hide-sm">{a.creditor_code}</td>
              <td className="hide-sm">{a.product}</td>
              <td className="num mono" data-testid="outstanding">
                {formatIdr(a.outstanding_idr)}
              </td>
              <td>
                <DpdBadge dpd={a.dpd} />
              </td>
              <td>
                <BucketBadge bucket={a.bucket} />
              </td>
              <td>
                <KolBadge kol={a.kol} />
              </td>
              <td>
                <span className="zone" title={a.timezone}>
                  {zoneLabel(a.timezone)}
                </span>
              </td>
              <td className="hide-sm muted">{a.assigned_username ?? t('accounts.unassigned')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
