import { useSession } from '../../data/hooks.js';

/** DESIGN §8: owners and managers edit the catalog and thresholds; staff read it. */
export function useCanEditCatalog(): boolean {
  const role = useSession().role;
  return role === 'owner' || role === 'manager';
}

export function useIsOwner(): boolean {
  return useSession().role === 'owner';
}
