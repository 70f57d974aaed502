/** "as of 14:02" next to quantities while offline (DESIGN §5); nothing while online. */
import { useSyncHealth } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';

/** Whether quantities may be stale (not connected) and the last sync time (null = never synced). */
export function useOfflineSince(): { offline: boolean; since: number | null } {
  const h = useSyncHealth();
  return { offline: h.connection !== 'online', since: h.lastSyncAt };
}

export function AsOf({ className }: { className?: string }) {
  const { offline, since } = useOfflineSince();
  const t = useT();
  const format = useFormat();
  if (!offline || since === null) return null;
  return (
    <span className={className ? `mg-asof ${className}` : 'mg-asof'}>{t('common.asOf', { time: format.asOf(since) })}</span>
  );
}
