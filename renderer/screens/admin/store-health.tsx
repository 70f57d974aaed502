/**
 * What this device knows about one store's sync: pending movements and the
 * oldest one, refused movements, stock states, and a digest check against
 * the server (DESIGN §3 `replication.digest`).
 */
import { useMemo, useState } from 'react';
import type { DigestCheck, StoreDoc } from '../../data/api.js';
import { useExceptions, useMovements, useStockroom, useSyncHealth } from '../../data/hooks.js';
import { problemOf } from '../../data/wire/transport.js';
import { useFormat, useT } from '../../i18n/index.js';
import { buildStockRows, countByState } from '../stock/stock-table.js';
import { useLevels } from '../../data/hooks.js';

export function StoreHealth({ store }: { store: StoreDoc }) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const health = useSyncHealth();
  const pending = useMovements({ storeId: store.id, status: 'pending', limit: 5000 });
  const exceptions = useExceptions().filter((e) => e.movement.storeId === store.id);
  const { levels, version } = useLevels();
  const counts = useMemo(
    () => countByState(buildStockRows(client.catalog.all(), (id) => levels.get(store.id, id))),
    [client, levels, version, store.id],
  );
  const [check, setCheck] = useState<{ busy: boolean; result: DigestCheck | null; error: string | null }>({ busy: false, result: null, error: null });
  const oldest = pending.reduce<number | null>((min, m) => (min === null || m.clientTime < min ? m.clientTime : min), null);

  const verify = async () => {
    setCheck({ busy: true, result: null, error: null });
    try {
      setCheck({ busy: false, result: await client.verifyDigest(store.id), error: null });
    } catch (err) {
      setCheck({ busy: false, result: null, error: problemOf(err)?.detail ?? (err instanceof Error ? err.message : String(err)) });
    }
  };

  return (
    <dl className="mg-health">
      <div>
        <dt>{t('admin.health.connection')}</dt>
        <dd>
          <span className={`dot dot--${health.connection}`} aria-hidden="true" />
          {t(health.connection === 'online' ? 'sync.online' : health.connection === 'offline' ? 'sync.offline' : 'sync.connecting')}
          {' · '}
          {health.lastSyncAt ? t('sync.lastSync', { time: format.asOf(health.lastSyncAt) }) : t('sync.never')}
        </dd>
      </div>
      <div>
        <dt>{t('admin.health.pending')}</dt>
        <dd>
          {pending.length === 0 ? t('admin.health.none') : format.number(pending.length)}
          {oldest !== null ? <span className="muted"> · {t('sync.oldestPending', { age: format.age(Date.now() - oldest) })}</span> : null}
        </dd>
      </div>
      <div>
        <dt>{t('admin.health.rejected')}</dt>
        <dd className={exceptions.length > 0 ? 'mg-neg' : undefined}>
          {exceptions.length === 0 ? t('admin.health.none') : format.number(exceptions.length)}
        </dd>
      </div>
      <div>
        <dt>{t('admin.health.levels')}</dt>
        <dd>
          {t('admin.stores.products', { low: format.number(counts.low), critical: format.number(counts.critical), out: format.number(counts.out) })}
        </dd>
      </div>
      <div>
        <dt>{t('admin.health.digest')}</dt>
        <dd>
          <button type="button" className="btn btn--sm" onClick={() => void verify()} disabled={check.busy}>
            {check.busy ? t('admin.health.verifying') : t('admin.health.verify')}
          </button>{' '}
          {check.result ? (
            <span className={check.result.match ? 'mg-pos' : 'mg-neg'}>
              {check.result.match ? t('admin.health.match') : t('admin.health.mismatch')}{' '}
              <span className="mono muted">{check.result.local.slice(0, 10)}</span>
            </span>
          ) : null}
          {check.error ? <span className="mg-neg">{t('admin.health.verifyFailed', { detail: check.error })}</span> : null}
        </dd>
      </div>
    </dl>
  );
}
