/**
 * Movements older than this device's pull window (DESIGN §3, 60 days by
 * default) stay on the server. The product page fetches them on request with
 * `reports.movementHistory`, newest first, one page per click (react-query's
 * infinite query over the session's client: cached per product and store, retried
 * on transport failures, gone with the session).
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { MovementDoc } from '../../data/api.js';
import { useStockroom } from '../../data/hooks.js';
import { useT } from '../../i18n/index.js';
import { adminErrorText } from '../admin/admin-api.js';

const PAGE = 100;

export interface OlderHistory {
  movements: MovementDoc[];
  loading: boolean;
  /** The server has nothing older. */
  exhausted: boolean;
  error: string | null;
  loadMore(): void;
}

/** `local`: the movements this device has for the product, to start below them and skip duplicates. */
export function useOlderHistory(storeId: string | null, productId: string, local: readonly MovementDoc[]): OlderHistory {
  const client = useStockroom();
  const t = useT();
  // Nothing is asked until the first click; the first page starts below the oldest movement
  // this device has from the server (seq 0: not synced yet), as it was at that click.
  const [start, setStart] = useState<{ key: string; before: number | null } | null>(null);
  const key = `${storeId}|${productId}`;
  const started = start !== null && start.key === key;
  const query = useInfiniteQuery({
    queryKey: ['reports.movementHistory', storeId, productId, started ? start.before : null],
    enabled: started && storeId !== null,
    initialPageParam: started ? start.before : null,
    queryFn: ({ pageParam, signal }) => client.server.reports.movementHistory.query({ storeId: storeId!, productId, before: pageParam, limit: PAGE }, { signal }),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    // Movements that old hardly change: pages already shown are not fetched again on each visit.
    staleTime: 5 * 60_000,
  });
  const movements = useMemo(() => {
    const known = new Set(local.map((m) => m.id));
    const older: MovementDoc[] = [];
    for (const page of query.data?.pages ?? []) {
      for (const m of page.movements as MovementDoc[]) {
        if (known.has(m.id)) continue;
        known.add(m.id);
        older.push(m);
      }
    }
    return older;
  }, [local, query.data]);
  return {
    movements,
    loading: query.isFetching,
    exhausted: started && query.isSuccess && !query.hasNextPage,
    error: query.error ? adminErrorText(t, query.error) : null,
    loadMore() {
      if (!storeId || query.isFetching) return;
      if (!started) {
        const synced = local.filter((m) => m.seq > 0).map((m) => m.seq);
        setStart({ key, before: synced.length > 0 ? Math.min(...synced) : null });
      } else void query.fetchNextPage();
    },
  };
}
