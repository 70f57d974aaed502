import { useState } from 'react';
import type { TillUserDoc } from '../data/api.js';
import { useStockroom, useTillUser, useTillUsers } from '../data/hooks.js';
import { useT } from '../i18n/index.js';
import { Dialog } from './dialog.js';

/**
 * Who is at the till (issue 11 §8): a chip in the nav; choosing a person with a PIN asks for
 * it. Every movement recorded afterwards names that person as its `actor`.
 */
export function TillUserSwitch() {
  const t = useT();
  const user = useTillUser();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="till-user" onClick={() => setOpen(true)} data-testid="till-user" title={t('tillUser.switch')}>
        <span className="till-user__label">{t('tillUser.label')}</span>
        <span className="till-user__name" data-testid="till-user-name">{user?.name ?? t('tillUser.nobody')}</span>
      </button>
      {open && <TillUserDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function TillUserDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const client = useStockroom();
  const users = useTillUsers().filter((u) => u.active && !u._deleted);
  const current = useTillUser();
  const [asking, setAsking] = useState<TillUserDoc | null>(null);
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);

  async function choose(user: TillUserDoc | null, withPin: string | null = null) {
    if (user && user.pinHash !== null && withPin === null) {
      setAsking(user);
      setPin('');
      setWrong(false);
      return;
    }
    const ok = await client.switchTillUser(user?.id ?? null, withPin);
    if (ok) onClose();
    else {
      setWrong(true);
      setPin('');
    }
  }

  return (
    <Dialog title={asking ? t('tillUser.pin', { name: asking.name }) : t('tillUser.title')} onClose={onClose}>
      {asking ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void choose(asking, pin);
          }}
        >
          <input
            className="input input--xl mono"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            value={pin}
            aria-label={t('tillUser.pin', { name: asking.name })}
            aria-invalid={wrong}
            onChange={(e) => {
              const next = e.target.value.replace(/\D/g, '').slice(0, 4);
              setPin(next);
              setWrong(false);
              if (next.length === 4) void choose(asking, next);
            }}
            data-testid="till-pin"
          />
          {wrong && <span className="error" role="alert">{t('tillUser.pinWrong')}</span>}
          <div className="row dialog__actions">
            <button type="button" className="btn" onClick={() => setAsking(null)}>{t('common.back')}</button>
            <button type="submit" className="btn btn--primary" disabled={pin.length !== 4}>{t('tillUser.open')}</button>
          </div>
        </form>
      ) : (
        <div className="stack">
          {users.length === 0 && <p className="hint" style={{ margin: 0 }}>{t('tillUser.none')}</p>}
          <div className="till-user__list" role="list">
            {users.map((u) => (
              <button key={u.id} className="btn till-user__choice" aria-pressed={current?.id === u.id} onClick={() => void choose(u)} data-testid="till-user-choice">
                {u.name}
                {u.pinHash !== null && <span className="badge badge--soft" title={t('tillUsers.hasPin')}>{t('tillUser.pinBadge')}</span>}
              </button>
            ))}
          </div>
          <button className="btn btn--ghost" onClick={() => void choose(null)} data-testid="till-user-nobody">{t('tillUser.clear')}</button>
        </div>
      )}
    </Dialog>
  );
}
