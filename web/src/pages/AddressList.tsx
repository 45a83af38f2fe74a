import type { Address } from '../api-types.ts';
import { provinceName, zoneLabel } from '../format.ts';
import { useI18n } from '../i18n.ts';

export function AddressList({ addresses }: { addresses: Address[] }) {
  const { t } = useI18n();
  if (addresses.length === 0) return null;
  return (
    <div className="card">
      <h2 className="card-title">{t('debtor.addresses')}</h2>
      <ul className="contact-list">
        {addresses.map((a) => (
          <li key={a.id}>
            <div className="muted small">{a.kind}</div>
            <div>{a.address}</div>
            <div className="muted small">
              {[a.city, a.postal_code, provinceName(a.province_code)].filter(Boolean).join(', ')} · {zoneLabel(a.timezone)}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
