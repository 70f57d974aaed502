/** Create a one-time pairing code for a role and stores; shows the code and its expiry. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ROLES } from '../../../shared/index.js';
import type { Role } from '../../data/api.js';
import { useSession, useStockroom, useStores } from '../../data/hooks.js';
import { useFormat, useT, type MessageKey } from '../../i18n/index.js';
import { Banner, Card } from '../kit/page.js';
import { DEVICES_QUERY, adminErrorText } from './admin-api.js';
import { OtherTills } from './other-tills.js';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function PairingCodePanel() {
  const t = useT();
  const format = useFormat();
  const session = useSession();
  const client = useStockroom();
  const queryClient = useQueryClient();
  const stores = useStores();
  const [role, setRole] = useState<Role>('staff');
  const [storeIds, setStoreIds] = useState<string[]>(() => (session.activeStoreId ? [session.activeStoreId] : []));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ code: string; expiresAt: number; role: Role } | null>(null);
  const [copied, setCopied] = useState(false);
  const now = useNow(created ? 1000 : 60_000);

  const needsStores = role !== 'owner';
  const create = async () => {
    setError(null);
    if (needsStores && storeIds.length === 0) {
      setError(t('admin.devices.pair.pickStore'));
      return;
    }
    setBusy(true);
    try {
      const r = await client.server.devices.createPairingCode.mutate({ role, storeIds: needsStores ? storeIds : [] });
      void queryClient.invalidateQueries({ queryKey: DEVICES_QUERY });
      setCreated({ ...r, role });
      setCopied(false);
    } catch (err) {
      setError(t('admin.devices.pair.failed', { detail: adminErrorText(t, err) }));
    } finally {
      setBusy(false);
    }
  };

  const expired = created !== null && created.expiresAt <= now;

  return (
    <Card title={t('admin.devices.pair.title')} className="mg-pair">
      <p className="mg-card__intro">{t('admin.devices.pair.intro')}</p>
      <div className="mg-pair__grid">
        <fieldset className="mg-fieldset">
          <legend className="field__label">{t('admin.devices.pair.role')}</legend>
          {ROLES.map((r) => {
            const label: MessageKey = `admin.role.${r}`;
            const hint: MessageKey = `admin.role.${r}.hint`;
            return (
              <label key={r} className="mg-radio">
                <input type="radio" name="pair-role" value={r} checked={role === r} onChange={() => setRole(r)} />
                <span>
                  <strong>{t(label)}</strong> <span className="muted">— {t(hint)}</span>
                </span>
              </label>
            );
          })}
        </fieldset>
        <fieldset className="mg-fieldset" disabled={!needsStores}>
          <legend className="field__label">{t('admin.devices.pair.stores')}</legend>
          {!needsStores ? <p className="muted">{t('admin.devices.pair.storesOwner')}</p> : null}
          {stores.map((s) => (
            <label key={s.id} className="check">
              <input
                type="checkbox"
                checked={!needsStores || storeIds.includes(s.id)}
                onChange={(e) => setStoreIds((ids) => (e.target.checked ? [...ids, s.id] : ids.filter((x) => x !== s.id)))}
              />
              <span>{s.name}</span>
            </label>
          ))}
        </fieldset>
      </div>
      {error ? <Banner tone="danger">{error}</Banner> : null}
      <div className="mg-form-actions mg-form-actions--start">
        <button type="button" className="btn btn--primary" onClick={() => void create()} disabled={busy}>
          {busy ? t('admin.devices.pair.creating') : t('admin.devices.pair.create')}
        </button>
      </div>
      {created ? (
        <div className={`mg-code${expired ? ' mg-code--expired' : ''}`} aria-live="polite">
          <div className="mg-code__label">
            {t('admin.devices.pair.code')} · {t(`admin.role.${created.role}`)}
          </div>
          <div className="mg-code__value" data-testid="pairing-code">{created.code}</div>
          <div className="mg-code__meta">
            {expired
              ? t('admin.devices.pair.expired')
              : t('admin.devices.pair.expires', { time: format.asOf(created.expiresAt), left: format.age(created.expiresAt - now) })}
          </div>

          {!expired ? (
            <button
              type="button"
              className="btn btn--sm"
              onClick={() => {
                void navigator.clipboard?.writeText(created.code).then(() => setCopied(true), () => undefined);
              }}
            >
              {copied ? t('admin.devices.pair.copied') : t('admin.devices.pair.copy')}
            </button>
          ) : null}
        </div>
      ) : null}
      <OtherTills code={created && !expired ? created.code : null} />
    </Card>
  );
}
