import type { StockRow } from '../../data/api.js';
import { useT, type MessageKey } from '../../i18n/index.js';

/** Coloured stock state (DESIGN §7), with text so colour is never the only signal. */
export function StatePill({ state }: { state: StockRow['state'] }) {
  const t = useT();
  const key: MessageKey = `stock.state.${state}`;
  return <span className={`mg-pill mg-pill--${state}`}>{t(key)}</span>;
}
