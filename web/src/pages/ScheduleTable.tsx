import type { ScheduleLine } from '../api-types.ts';
import { Badge } from '../components/Badge.tsx';
import { formatDate, formatIdr } from '../format.ts';
import { useI18n } from '../i18n.ts';

function stateOf(line: ScheduleLine): 'paid' | 'partial' | 'unpaid' {
  const due = BigInt(line.due_idr);
  const paid = BigInt(line.paid_idr);
  if (paid >= due) return 'paid';
  return paid > 0n ? 'partial' : 'unpaid';
}

const TONES = { paid: 'ok', partial: 'low', unpaid: 'neutral' } as const;

export function ScheduleTable({ lines }: { lines: ScheduleLine[] }) {
  const { t, lang } = useI18n();
  if (lines.length === 0) return <p className="muted">{t('account.noSchedule')}</p>;
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <thead>
          <tr>
            <th>{t('schedule.seq')}</th>
            <th>{t('schedule.dueDate')}</th>
            <th className="num">{t('schedule.due')}</th>
            <th className="num">{t('schedule.paid')}</th>
            <th>{t('schedule.state')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const state = stateOf(l);
            return (
              <tr key={l.seq}>
                <td>{l.seq}</td>
                <td>{formatDate(l.due_date, lang)}</td>
                <td className="num mono">{formatIdr(l.due_idr)}</td>
                <td className="num mono">{formatIdr(l.paid_idr)}</td>
                <td>
                  <Badge tone={TONES[state]}>{t(`schedule.state.${state}`)}</Badge>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
