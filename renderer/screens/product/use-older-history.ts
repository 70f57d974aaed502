/**
 * Movements older than this device's pull window (DESIGN §3, 60 days by
 * default) stay on the server. The product page fetches them on request with
 * `reports.movementHistory`, newest first, one page per click.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MovementDoc } from '../../data/api.js';
import { useSession } from '../../data/hooks.js';
import { useT } from '../../i18n/index.js';
import { adminApi, adminErrorText } from '../admin/admin-api.js';

const PAGE = 100;

export interface OlderHistory {
  movements: MovementDoc[];
  loading: boolean;
  /** The server has nothing older. */
  exhausted: boolean;
  error: string | null;
  loadMore(): void;
}

interface State {
  movements: MovementDoc[];
  /** Page before this seq next; undefined until the first page. */
  before: number | null | undefined;
  loading: boolean;
  error: string | null;
}

const EMPTY: State = { movements: [], before: undefined, loading: false, error: null };

/** `local`: the movements this device has for the product, to start below them and skip duplicates. */
export function useOlderHistory(storeId: string | null, productId: string, local: readonly MovementDoc[]): OlderHistory {
  const session = useSession();
  const t = useT();
  const [state, setState] = useState<State>(EMPTY);
  // A page that arrives after the user switched product or store is dropped.
  const generation = useRef(0);
  useEffect(() => {
    generation.current++;
    setState(EMPTY);
  }, [storeId, productId]);

  const loadMore = useCallback(() => {
    if (!storeId || state.loading || state.before === null) return;
    // Below the oldest movement this device has from the server (seq 0: not synced yet).
    const synced = local.filter((m) => m.seq > 0).map((m) => m.seq);
    const before = state.before ?? (synced.length > 0 ? Math.min(...synced) : null);
    setState((s) => ({ ...s, loading: true, error: null }));
    const asked = generation.current;
    const current = (update: (s: State) => State) => (s: State) => (generation.current === asked ? update(s) : s);
    adminApi(session)
      .reports.movementHistory.query({ storeId, productId, before, limit: PAGE })
      .then(
        (page) =>
          setState(
            current((s) => {
              const known = new Set([...local, ...s.movements].map((m) => m.id));
              const fresh = (page.movements as MovementDoc[]).filter((m) => !known.has(m.id));
              return { movements: [...s.movements, ...fresh], before: page.nextBefore, loading: false, error: null };
            }),
          ),
        (err: unknown) => setState(current((s) => ({ ...s, loading: false, error: adminErrorText(t, err) }))),
      );
  }, [session, t, storeId, productId, local, state.loading, state.before]);

  return {
    movements: state.movements,
    loading: state.loading,
    exhausted: state.before === null,
    error: state.error,
    loadMore,
  };
}
