import { createContext, useContext } from 'react';

/** App-level actions screens may trigger (provided by the root). */
export interface AppActions {
  /** Unpair: stop sync, delete the local database, forget the session. */
  signOut(): Promise<void>;
}

export const AppActionsContext = createContext<AppActions>({ signOut: async () => undefined });

export function useAppActions(): AppActions {
  return useContext(AppActionsContext);
}
