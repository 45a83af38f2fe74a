import { kolSeverity } from '../format.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { Badge } from './Badge.tsx';

const KOL_KEYS: Record<number, MessageKey> = { 1: 'kol.1', 2: 'kol.2', 3: 'kol.3', 4: 'kol.4', 5: 'kol.5' };

/** "Kol 4" with the OJK grade name on hover. */
export function KolBadge({ kol }: { kol: number }) {
  const { t } = useI18n();
  const key = KOL_KEYS[kol];
  return (
    <Badge tone={kolSeverity(kol)} title={key ? t(key) : undefined} testId="kol-badge">
      Kol {kol}
    </Badge>
  );
}
