import { useState } from 'react';
import { useAppActions } from '../../navigation/app-actions.js';
import type { RouteProps } from '../../navigation/routes.js';
import { useActiveStore, useSession, useStockroom, useSyncHealth } from '../../data/hooks.js';
import { LOCALE_NAMES, LOCALES, useLocale, useT, type Locale, type MessageKey } from '../../i18n/index.js';
import { shortId } from '../../ui/short-id.js';
import { useToast } from '../../ui/toast.js';

/** This device: identity, language, verify stock against the server, unpair. */
export function DeviceScreen(_: RouteProps) {
  const { signOut } = useAppActions();
  const client = useStockroom();
  const session = useSession();
  const health = useSyncHealth();
  const [storeId] = useActiveStore();
  const [locale, setLocale] = useLocale();
  const t = useT();
  const toast = useToast();
  const [verifying, setVerifying] = useState(false);

  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">{t('settings.title')}</h1>
      </div>
      <section className="card">
        <div className="card__body">
          <dl className="kv">
            <dt>{t('settings.device')}</dt>
            <dd>{session.deviceName} <span className="faint mono">{shortId(session.deviceId)}</span></dd>
            <dt>{t('settings.tenant')}</dt>
            <dd>{session.tenantName} · {session.currency}</dd>
            <dt>{t('settings.role')}</dt>
            <dd data-testid="device-role">{t(`admin.role.${session.role}` as MessageKey)}</dd>
            <dt>{t('settings.server')}</dt>
            <dd className="mono">{session.serverUrl}</dd>
            <dt>{t('common.language')}</dt>
            <dd>
              <select className="input" style={{ width: 200 }} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
                {LOCALES.map((l) => (
                  <option key={l} value={l}>{LOCALE_NAMES[l]}</option>
                ))}
              </select>
            </dd>
          </dl>
        </div>
      </section>
      <div className="row">
        <button
          className="btn"
          disabled={!storeId || verifying}
          onClick={async () => {
            if (!storeId) return;
            setVerifying(true);
            try {
              const r = await client.verifyDigest(storeId);
              toast(r.match ? t('settings.verifyOk') : t('settings.verifyBad'), r.match ? 'ok' : 'error');
            } catch (err) {
              console.error(err);
              toast(t('settings.verifyFailed'), 'error');
            } finally {
              setVerifying(false);
            }
          }}
        >
          {t('settings.verify')}
        </button>
        <button className="btn" onClick={() => void client.syncNow()}>{t('settings.syncNow')}</button>
        <span className="grow" />
        <button
          className="btn btn--danger"
          disabled={health.pendingCount > 0}
          aria-describedby={health.pendingCount > 0 ? 'sign-out-blocked' : undefined}
          onClick={() => {
            if (confirm(t('settings.signOutConfirm'))) void signOut();
          }}
          data-testid="sign-out"
        >
          {t('settings.signOut')}
        </button>
      </div>
      {health.pendingCount > 0 && (
        <p className="hint" id="sign-out-blocked" style={{ textAlign: 'right', margin: 0 }} data-testid="sign-out-blocked">
          {t('settings.signOutBlocked', { count: health.pendingCount })}
        </p>
      )}
    </div>
  );
}
