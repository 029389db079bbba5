import { useT } from '../i18n/locale';
import { useLive } from './connection';

/** Says whether the screen is following the floor live, and when it is reconnecting. */
export function LiveIndicator() {
  const { status } = useLive();
  const { t } = useT();
  return (
    <span className={`live live-${status}`} role="status" aria-live="polite" data-testid="live-status" data-status={status}>
      <span className="live-dot" aria-hidden="true" />
      {t(`live.${status}`)}
    </span>
  );
}
