import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Session, StockroomClient } from '../data/api.js';
import { createStockroomClient } from '../data/client.js';
import { StockroomProvider } from '../data/hooks.js';
import { clearSession, loadSession, saveSession } from '../data/session.js';
import { I18nProvider, useT } from '../i18n/index.js';
import { PairingScreen } from '../screens/pairing/pairing-screen.js';
import { ToastProvider } from '../ui/toast.js';
import { AppActionsContext } from './app-actions.js';
import { Shell } from './shell.js';

/** Opening the local database; after an app update that changed a schema, with the migration's progress. */
function Loading({ migrated }: { migrated: number | null }) {
  const t = useT();
  return (
    <div className="empty" style={{ paddingTop: 120 }} role="status">
      {migrated === null ? t('common.loading') : t('common.migrating', { percent: migrated })}
    </div>
  );
}

/** Root: pairing until there is a session, then the shell over one StockroomClient. */
export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [client, setClient] = useState<StockroomClient | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [migrated, setMigrated] = useState<number | null>(null);
  const identity = session ? `${session.serverUrl}|${session.deviceId}|${session.token}` : null;

  useEffect(() => {
    if (!session) return;
    let live = true;
    let created: StockroomClient | null = null;
    createStockroomClient(session, {
      persistSession: (s) => {
        saveSession(s);
        if (live) setSession(s);
      },
      onMigrationProgress: (handled, total) => live && setMigrated(Math.floor((handled / total) * 100)),
    }).then(
      (c) => {
        created = c;
        if (live) setClient(c);
        else void c.close();
      },
      (err: unknown) => live && setFailure(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
      setClient(null);
      void created?.close();
    };
    // Recreate only when the identity changes, not on every session field update.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity]);

  const signOut = useCallback(async () => {
    await client?.signOut();
    clearSession();
    setClient(null);
    setSession(null);
  }, [client]);
  const actions = useMemo(() => ({ signOut }), [signOut]);

  return (
    <I18nProvider currency={session?.currency ?? 'USD'}>
      <ToastProvider>
        <AppActionsContext.Provider value={actions}>
          {!session ? (
            <PairingScreen
              onPaired={(s) => {
                saveSession(s);
                setSession(s);
              }}
            />
          ) : failure ? (
            <div className="error" style={{ margin: 48 }}>{failure}</div>
          ) : !client ? (
            <Loading migrated={migrated} />
          ) : (
            <StockroomProvider client={client}>
              <Shell />
            </StockroomProvider>
          )}
        </AppActionsContext.Provider>
      </ToastProvider>
    </I18nProvider>
  );
}
