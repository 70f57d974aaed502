import { useEffect, useState } from 'react';
import { useAppActions } from '../navigation/app-actions.js';
import { paths, navigate } from '../navigation/routes.js';
import { useStockroom, useSyncHealth } from '../data/hooks.js';
import { useFormat, useT } from '../i18n/index.js';

/** Re-render every `ms` so ages ("oldest 12 min") stay current. */
export function useNow(ms = 10_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** DESIGN §5 sync health: online/offline, pending count + oldest age, last sync, exceptions. */
export function SyncHealthBar() {
  const h = useSyncHealth();
  const client = useStockroom();
  const { pairAgain } = useAppActions();
  const t = useT();
  const format = useFormat();
  const now = useNow();
  const init = h.initialSync;
  return (
    <div className={`health${h.connection === 'offline' || h.unauthenticated ? ' health--offline' : ''}`} data-testid="sync-health" data-connection={h.unauthenticated ? 'not-paired' : h.connection} data-pending={h.pendingCount} data-initial-sync={init.running ? 'running' : 'done'} data-exceptions={h.exceptionCount}>
      <span className="health__item" title={h.lastError ?? ''}>
        <span className={`dot dot--${h.unauthenticated ? 'offline' : h.connection}`} />
        <strong data-testid="connection-state">{h.unauthenticated ? t('sync.notPaired') : t(`sync.${h.connection}`)}</strong>
      </span>
      <span className="health__item num" data-testid="pending-count">
        {h.pendingCount > 0 ? t('sync.pending', { count: h.pendingCount }) : t('sync.allSynced')}
        {h.oldestPendingAt !== null && (
          <span className="faint">· {t('sync.oldestPending', { age: format.age(now - h.oldestPendingAt) })}</span>
        )}
      </span>
      <span className="health__item">
        {h.lastSyncAt !== null ? t('sync.lastSync', { time: format.asOf(h.lastSyncAt) }) : t('sync.never')}
      </span>
      {init.running && init.loaded > 0 && (
        <span className="health__item" data-testid="initial-sync">
          {t('sync.initial', { loaded: format.number(init.loaded) })}
          <span className={`progress${init.fraction === null ? ' progress--indeterminate' : ''}`}>
            <span className="progress__fill" style={{ width: `${Math.round((init.fraction ?? 0.3) * 100)}%` }} />
          </span>
        </span>
      )}
      {h.unauthenticated && (
        <span className="health__item error" data-testid="unauthenticated">
          {t('sync.unauthenticated')}
          <button className="btn btn--sm" onClick={pairAgain} data-testid="pair-again">{t('sync.pairAgain')}</button>
        </span>
      )}
      <span className="health__spacer" />
      {h.exceptionCount > 0 && (
        <button className="health__link" onClick={() => navigate(paths.exceptions())} data-testid="exceptions-link">
          ⚠ {t('sync.exceptions', { count: h.exceptionCount })}
        </button>
      )}
      <button className="btn btn--sm btn--ghost" onClick={() => void client.syncNow()}>
        ⟳ {t('settings.syncNow')}
      </button>
    </div>
  );
}
