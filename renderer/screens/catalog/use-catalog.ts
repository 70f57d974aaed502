import { useSyncExternalStore } from 'react';
import { useStockroom } from '../../data/hooks.js';

/** Re-render on catalog changes; returns the index version. */
export function useCatalogVersion(): number {
  const { catalog } = useStockroom();
  return useSyncExternalStore(catalog.subscribe, catalog.version, catalog.version);
}
