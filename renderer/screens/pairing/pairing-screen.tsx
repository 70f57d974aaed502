import { useState, type FormEvent } from 'react';
import type { Session } from '../../data/api.js';
import { PairError, isLocalHost, pairDevice } from '../../data/session.js';
import { LOCALE_NAMES, LOCALES, useLocale, useT, type Locale } from '../../i18n/index.js';

/** What the page's address says: `?server=` and `?code=` (the printed LAN link, a QR code). */
export function pairingParams(search: string): { server: string | null; code: string | null } {
  const q = new URLSearchParams(search);
  return { server: q.get('server')?.trim() || null, code: q.get('code')?.trim() || null };
}

function defaultServer(): string {
  const fromLink = typeof location !== 'undefined' ? pairingParams(location.search).server : null;
  if (fromLink) return fromLink;
  // Served by the sync server itself (`--web`, a LAN till)? Then that is the address.
  if (typeof location !== 'undefined' && location.protocol.startsWith('http') && location.port && !import.meta.env.DEV) {
    return location.origin;
  }
  return 'http://127.0.0.1:4000';
}

/** Whether `server` is the origin this page was loaded from (its plain http was accepted by opening it). */
function isPageOrigin(server: string): boolean {
  if (typeof location === 'undefined' || !location.protocol.startsWith('http')) return false;
  try {
    return new URL(/^[a-z]+:\/\//i.test(server) ? server : `http://${server}`).origin === location.origin;
  } catch {
    return false;
  }
}

/** The server answered for a device that is not the one being paired again. */
class OtherTenantError extends Error {
  constructor(readonly otherName: string, readonly current: string) {
    super('other tenant');
  }
}

export interface RepairContext {
  previous: Session;
  pendingCount: number;
  onCancel(): void;
}

/**
 * Pair this device: server address + one-time code + device name. Paired again after a
 * revocation (`repair`), the new identity keeps the local database and the former device id,
 * so every pending movement is pushed under it (DESIGN §5).
 */
export function PairingScreen({ onPaired, repair }: { onPaired(session: Session): void; repair?: RepairContext }) {
  const t = useT();
  const [locale, setLocale] = useLocale();
  const [server, setServer] = useState(() => repair?.previous.serverUrl ?? defaultServer());
  const [code, setCode] = useState(() => (typeof location !== 'undefined' ? pairingParams(location.search).code ?? '' : ''));
  const [name, setName] = useState(() => repair?.previous.deviceName ?? (navigator.platform ? `Counter (${navigator.platform})` : 'Counter'));
  const [allowInsecure, setAllowInsecure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PairError | OtherTenantError | null>(null);

  const sameOrigin = isPageOrigin(server);
  let insecure = false;
  try {
    const u = new URL(/^[a-z]+:\/\//i.test(server) ? server : `https://${server}`);
    insecure = u.protocol === 'http:' && !isLocalHost(u.hostname) && !sameOrigin;
  } catch {
    /* shown on submit */
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const deviceName = name.trim();
    if (deviceName.length < 1 || deviceName.length > 64) return setError(new PairError('invalid-input', 'device-name'));
    if (code.replace(/[^a-z0-9]/gi, '').length < 4) return setError(new PairError('invalid-input', 'code-format'));
    setBusy(true);
    try {
      const paired = await pairDevice({ serverUrl: server, code, deviceName, allowInsecureHttp: allowInsecure || sameOrigin });
      if (repair && paired.tenantId !== repair.previous.tenantId) throw new OtherTenantError(paired.tenantName, repair.previous.tenantName);
      // The code has done its work: a reload must not show it again.
      if (typeof location !== 'undefined' && location.search) history.replaceState(null, '', location.pathname + location.hash);
      onPaired(paired);
    } catch (err) {
      setError(err instanceof PairError || err instanceof OtherTenantError ? err : new PairError('server', String(err)));
    } finally {
      setBusy(false);
    }
  }

  const errorText = (err: PairError | OtherTenantError): string => {
    if (err instanceof OtherTenantError) return t('pair.error.other-tenant', { name: err.otherName, current: err.current });
    if (err.kind === 'invalid-input' && err.detail === 'device-name') return t('pair.error.device-name');
    if (err.kind === 'invalid-input' && err.detail === 'code-format') return t('pair.error.code-format');
    return t(`pair.error.${err.kind}`);
  };

  return (
    <div className="pair">
      <form className="pair__card" onSubmit={submit} data-testid="pairing-form" noValidate>
        <div className="row">
          <div className="pair__brand grow">
            <span className="brand__mark" style={{ color: '#fff' }}>S</span>
            {t('app.name')}
          </div>
          <select className="input" style={{ width: 'auto', height: 32 }} value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('common.language')}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <h1 className="page__title">{repair ? t('pair.repairTitle') : t('pair.title')}</h1>
          <p className="muted" style={{ margin: '4px 0 0' }} data-testid="pair-intro">
            {repair ? t('pair.repairIntro', { count: repair.pendingCount }) : t('pair.intro')}
          </p>
        </div>
        <label className="field">
          <span className="field__label">{t('pair.server')}</span>
          <input className="input" name="server" value={server} onChange={(e) => setServer(e.target.value)} autoComplete="url" spellCheck={false} required />
          {sameOrigin && server.startsWith('http:') && <span className="hint">{t('pair.sameOrigin')}</span>}
        </label>
        {insecure && (
          <label className="check">
            <input type="checkbox" name="allowInsecure" checked={allowInsecure} onChange={(e) => setAllowInsecure(e.target.checked)} />
            <span>{t('pair.allowInsecure')}</span>
          </label>
        )}
        <label className="field">
          <span className="field__label">{t('pair.code')}</span>
          <input className="input input--xl mono" name="code" value={code} onChange={(e) => setCode(e.target.value)} autoFocus autoComplete="one-time-code" spellCheck={false} required placeholder="ABCDE-12345" />
          <span className="hint">{t('pair.codeHint')}</span>
        </label>
        <label className="field">
          <span className="field__label">{t('pair.deviceName')}</span>
          <input className="input" name="deviceName" value={name} maxLength={64} onChange={(e) => setName(e.target.value)} required />
          <span className="hint">{t('pair.deviceNameHint')}</span>
        </label>
        {error && (
          <div className="error" role="alert" data-testid="pair-error" data-kind={error instanceof OtherTenantError ? 'other-tenant' : error.kind}>
            {errorText(error)}
          </div>
        )}
        <div className="row" style={{ gap: 8 }}>
          {repair && (
            <button type="button" className="btn btn--lg" onClick={repair.onCancel} data-testid="repair-cancel">
              {t('pair.repairCancel')}
            </button>
          )}
          <button className="btn btn--primary btn--lg grow" type="submit" disabled={busy}>
            {busy ? t('pair.busy') : t('pair.submit')}
          </button>
        </div>
        <p className="hint" style={{ margin: 0 }} data-testid="lost-code-hint">
          {t('pair.lostCode', { command: 'npm run server -- pair --data data --role owner' })}
        </p>
      </form>
    </div>
  );
}
