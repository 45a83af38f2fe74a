import { dpdSeverity } from '../format.ts';
import { Badge } from './Badge.tsx';

export function DpdBadge({ dpd }: { dpd: number }) {
  return (
    <Badge tone={dpdSeverity(dpd)} testId="dpd-badge">
      {dpd} DPD
    </Badge>
  );
}
