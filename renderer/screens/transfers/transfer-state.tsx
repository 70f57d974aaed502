import type { TransferDoc } from '../../data/api.js';
import { useStoreDirectory } from '../../data/hooks.js';
import { useT, type MessageKey } from '../../i18n/index.js';

/** A transfer's state as a pill, with text (colour is never the only signal); overdue beside it. */
export function TransferStatePill({ state, overdue }: { state: TransferDoc['state']; overdue?: boolean }) {
  const t = useT();
  const key: MessageKey = `transfers.state.${state}`;
  return (
    <span>
      <span className={`tr-state tr-state--${state}`} data-testid="transfer-state" data-state={state}>{t(key)}</span>
      {overdue ? <span className="tr-state tr-state--overdue">{t('transfers.overdue')}</span> : null}
    </span>
  );
}

/** A store's name by id (any store of the tenant). */
export function useStoreName(): (storeId: string) => string {
  const stores = useStoreDirectory();
  const t = useT();
  return (id) => stores.find((s) => s.id === id)?.name ?? t('transfers.unknownStore');
}
