import { createContext, useContext } from 'react';

/** App-level actions screens may trigger (provided by the root). */
export interface AppActions {
  /** Unpair: stop sync, delete the local database, forget the session. */
  signOut(): Promise<void>;
  /** Pair this device again (after a revocation), keeping its local database and pending movements. */
  pairAgain(): void;
}

export const AppActionsContext = createContext<AppActions>({ signOut: async () => undefined, pairAgain: () => undefined });

export function useAppActions(): AppActions {
  return useContext(AppActionsContext);
}
