import { useTransfers } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';

/**
 * Units of a product on the road, seen from one store (client.transfers.inTransit): coming in,
 * gone out and not yet arrived, and the overdue part of what is coming. Nothing when none.
 */
export function TransitText({ storeId, productId }: { storeId: string; productId: string }) {
  const t = useT();
  const format = useFormat();
  const { transfers } = useTransfers();
  const a = transfers.inTransit(storeId, productId);
  if (a.incoming === 0 && a.outgoing === 0) return <span className="muted">—</span>;
  return (
    <span className="tr-transit" data-testid="in-transit" data-incoming={a.incoming} data-outgoing={a.outgoing}>
      {a.incoming > 0 ? <span className="tr-transit--in">{t('transfers.transit.inShort', { n: format.number(a.incoming) })}</span> : null}
      {a.overdueIncoming > 0 ? <span className="tr-transit--overdue">{t('transfers.transit.overdue', { n: format.number(a.overdueIncoming) })}</span> : null}
      {a.outgoing > 0 ? <span className="tr-transit--out">{t('transfers.transit.outShort', { n: format.number(a.outgoing) })}</span> : null}
    </span>
  );
}
