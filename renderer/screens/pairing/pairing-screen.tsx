import { useState, type FormEvent } from 'react';
import type { Session } from '../../data/api.js';
import { PairError, isLocalHost, pairDevice } from '../../data/session.js';
import { LOCALE_NAMES, LOCALES, useLocale, useT, type Locale } from '../../i18n/index.js';

function defaultServer(): string {
  // Served by the sync server itself? Then that is the address.
  if (typeof location !== 'undefined' && location.protocol.startsWith('http') && location.port && !import.meta.env.DEV) {
    return location.origin;
  }
  return 'http://127.0.0.1:4000';
}

/** Pair this device: server address + one-time code + device name. */
export function PairingScreen({ onPaired }: { onPaired(session: Session): void }) {
  const t = useT();
  const [locale, setLocale] = useLocale();
  const [server, setServer] = useState(defaultServer);
  const [code, setCode] = useState('');
  const [name, setName] = useState(() => (navigator.platform ? `Counter (${navigator.platform})` : 'Counter'));
  const [allowInsecure, setAllowInsecure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PairError | null>(null);

  let insecure = false;
  try {
    const u = new URL(/^[a-z]+:\/\//i.test(server) ? server : `https://${server}`);
    insecure = u.protocol === 'http:' && !isLocalHost(u.hostname);
  } catch {
    /* shown on submit */
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onPaired(await pairDevice({ serverUrl: server, code, deviceName: name, allowInsecureHttp: allowInsecure }));
    } catch (err) {
      setError(err instanceof PairError ? err : new PairError('server', String(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="pair">
      <form className="pair__card" onSubmit={submit} data-testid="pairing-form">
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
          <h1 className="page__title">{t('pair.title')}</h1>
          <p className="muted" style={{ margin: '4px 0 0' }}>{t('pair.intro')}</p>
        </div>
        <label className="field">
          <span className="field__label">{t('pair.server')}</span>
          <input className="input" name="server" value={server} onChange={(e) => setServer(e.target.value)} autoComplete="url" spellCheck={false} required />
        </label>
        {insecure && (
          <label className="check">
            <input type="checkbox" name="allowInsecure" checked={allowInsecure} onChange={(e) => setAllowInsecure(e.target.checked)} />
            <span>{t('pair.allowInsecure')}</span>
          </label>
        )}
        <label className="field">
          <span className="field__label">{t('pair.code')}</span>
          <input className="input input--xl mono" name="code" value={code} onChange={(e) => setCode(e.target.value)} autoFocus autoComplete="one-time-code" spellCheck={false} required placeholder="XXXXX-XXXXX" />
        </label>
        <label className="field">
          <span className="field__label">{t('pair.deviceName')}</span>
          <input className="input" name="deviceName" value={name} maxLength={64} onChange={(e) => setName(e.target.value)} required />
        </label>
        {error && (
          <div className="error" role="alert" data-testid="pair-error" data-kind={error.kind}>
            {t(`pair.error.${error.kind}`, { detail: error.detail })}
          </div>
        )}
        <button className="btn btn--primary btn--lg" type="submit" disabled={busy}>
          {busy ? t('pair.busy') : t('pair.submit')}
        </button>
      </form>
    </div>
  );
}
