import type { Payment } from '../api-types.ts';
import { formatIdr, formatInstant } from '../format.ts';
import { useI18n } from '../i18n.ts';

export function PaymentsTable({ payments }: { payments: Payment[] }) {
  const { t, lang } = useI18n();
  if (payments.length === 0) return <p className="muted">{t('account.noPayments')}</p>;
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <thead>
          <tr>
            <th>{t('payment.paidAt')}</th>
            <th className="num">{t('payment.amount')}</th>
            <th>{t('payment.channel')}</th>
            <th>{t('payment.ref')}</th>
            <th>{t('payment.status')}</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.id}>
              <td>{formatInstant(p.paid_at, lang, 'Asia/Jakarta')}</td>
              <td className="num mono">{formatIdr(p.amount_idr)}</td>
              <td>{p.channel}</td>
              <td className="mono">{p.external_ref ?? '—'}</td>
              <td>{p.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
