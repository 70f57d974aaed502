import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Session, StockroomClient } from '../data/api.js';
import { createStockroomClient } from '../data/client.js';
import { StockroomProvider } from '../data/hooks.js';
import { clearSession, loadSession, repairedSession, saveSession } from '../data/session.js';
import { I18nProvider, useT } from '../i18n/index.js';
import { PairingScreen, type RepairContext } from '../screens/pairing/pairing-screen.js';
import { ToastProvider } from '../ui/toast.js';
import { AppActionsContext } from '../navigation/app-actions.js';
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
  // Pairing again after a revocation: the client is closed (its database kept) meanwhile.
  const [repairing, setRepairing] = useState<Omit<RepairContext, 'onCancel'> | null>(null);
  const identity = session ? `${session.serverUrl}|${session.deviceId}|${session.token}` : null;

  useEffect(() => {
    if (!session || repairing) return;
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
    // Recreate only when the identity changes (or re-pairing ends), not on every session field update.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity, repairing !== null]);

  const signOut = useCallback(async () => {
    await client?.signOut();
    clearSession();
    setClient(null);
    setSession(null);
  }, [client]);
  const pairAgain = useCallback(() => {
    if (!client || !session) return;
    setRepairing({ previous: session, pendingCount: client.getHealth().pendingCount });
  }, [client, session]);
  const actions = useMemo(() => ({ signOut, pairAgain }), [signOut, pairAgain]);

  return (
    <I18nProvider currency={session?.currency ?? 'USD'}>
      <ToastProvider>
        <AppActionsContext.Provider value={actions}>
          {session && repairing ? (
            <PairingScreen
              repair={{ ...repairing, onCancel: () => setRepairing(null) }}
              onPaired={(paired) => {
                const s = repairedSession(repairing.previous, paired);
                saveSession(s);
                setSession(s);
                setRepairing(null);
              }}
            />
          ) : !session ? (
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
