import { useSession } from '../../data/hooks.js';

/** DESIGN §8: owners and managers edit the catalog and thresholds; staff read it. */
export function useCanEditCatalog(): boolean {
  const role = useSession().role;
  return role === 'owner' || role === 'manager';
}

export function useIsOwner(): boolean {
  return useSession().role === 'owner';
}

/** Whether this device may write movements of a store (its own stores; owners every store). */
export function useWritesStore(): (storeId: string) => boolean {
  const s = useSession();
  return (storeId) => s.role === 'owner' || s.storeIds.includes(storeId);
}
