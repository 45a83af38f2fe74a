import { bucketSeverity } from '../format.ts';
import { useI18n } from '../i18n.ts';
import { Badge } from './Badge.tsx';

export function BucketBadge({ bucket }: { bucket: string }) {
  const { t } = useI18n();
  return (
    <Badge tone={bucketSeverity(bucket)} testId="bucket-badge">
      {bucket === 'current' ? t('bucket.current') : bucket}
    </Badge>
  );
}
