import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/index.js';
import type { RouteProps } from '../../navigation/routes.js';
import type { TillUserDoc } from '../../data/api.js';
import { useStockroom, useTillUsers } from '../../data/hooks.js';
import { isValidPin } from '../../data/commands/till-users.js';
import { useFormat, useT } from '../../i18n/index.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { useToast } from '../../ui/toast.js';
import { Card, Page } from '../kit/page.js';

/** Owner / manager: the people at the tills (names, optional 4-digit PIN, active). */
export function TillUsersScreen(_: RouteProps) {
  const t = useT();
  const users = [...useTillUsers()].filter((u) => !u._deleted).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Page title={t('tillUsers.title')} subtitle={t('tillUsers.intro')}>
      <Card title={t('tillUsers.add')}>
        <TillUserForm />
      </Card>
      <div className="stack" data-testid="till-users">
        {users.map((u) => (
          <Card key={u.id}>
            <TillUserForm user={u} />
          </Card>
        ))}
      </div>
    </Page>
  );
}

function TillUserForm({ user }: { user?: TillUserDoc }) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const toast = useToast();
  const [name, setName] = useState(user?.name ?? '');
  const [pin, setPin] = useState('');
  const [removePin, setRemovePin] = useState(false);
  const [active, setActive] = useState(user?.active ?? true);
  const [tried, setTried] = useState(false);
  const nameOk = name.trim().length >= 1 && name.trim().length <= LIMITS.shortTextLength;
  const pinOk = pin === '' || isValidPin(pin);
  const id = user ? `till-user-${user.id}` : 'till-user-new';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!nameOk || !pinOk) return;
    try {
      await client.saveTillUser({ id: user?.id, name: name.trim(), pin: removePin ? null : pin === '' ? undefined : pin, active });
      toast(t('tillUsers.saved'), 'ok');
      setPin('');
      setRemovePin(false);
      setTried(false);
      if (!user) setName('');
    } catch (err) {
      toast(commandErrorText(t, err, () => '', format.number), 'error');
    }
  }

  return (
    <form className="till-user-form" onSubmit={submit} noValidate data-testid={user ? 'till-user-row' : 'till-user-new'}>
      <label className="field">
        <span className="field__label">{t('tillUsers.name')}</span>
        <input id={`${id}-name`} className="input" value={name} maxLength={LIMITS.shortTextLength} onChange={(e) => setName(e.target.value)} aria-invalid={tried && !nameOk} data-testid="till-user-name-input" />
        {tried && !nameOk && <span className="error">{t('tillUsers.nameInvalid')}</span>}
      </label>
      <label className="field">
        <span className="field__label">
          {t('tillUsers.pin')}
          {user && <span className="hint"> · {user.pinHash ? t('tillUsers.hasPin') : t('tillUsers.noPin')}</span>}
        </span>
        <input
          className="input mono"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={4}
          value={pin}
          disabled={removePin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 4))}
          aria-invalid={tried && !pinOk}
          data-testid="till-user-pin-input"
        />
        {tried && !pinOk && <span className="error">{t('tillUsers.pinInvalid')}</span>}
      </label>
      <div className="stack" style={{ gap: 4 }}>
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          <span>{t('tillUsers.active')}</span>
        </label>
        {user?.pinHash && (
          <label className="check">
            <input type="checkbox" checked={removePin} onChange={(e) => setRemovePin(e.target.checked)} />
            <span>{t('tillUsers.removePin')}</span>
          </label>
        )}
      </div>
      <button type="submit" className="btn btn--primary" data-testid="till-user-save">{user ? t('tillUsers.save') : t('tillUsers.add')}</button>
    </form>
  );
}
