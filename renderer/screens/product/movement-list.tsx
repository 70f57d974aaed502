/** The product's movements in one store, newest first; refused ones highlighted with the server's reason. */
import type { MovementDoc } from '../../data/api.js';
import { useFormat, useT, type MessageKey } from '../../i18n/index.js';
import { rejectionText } from '../../ui/rejection-text.js';

export function MovementList({
  movements,
  thisDeviceId,
  deviceName,
  formerDeviceIds,
}: {
  movements: MovementDoc[];
  thisDeviceId: string;
  /** Device names known to this screen (owners load them); else the movement's actor says who. */
  deviceName: (deviceId: string) => string | null;
  /** Ids this installation was paired as before (its own movements carry them). */
  formerDeviceIds?: readonly string[];
}) {
  const t = useT();
  const format = useFormat();
  if (movements.length === 0) return <p className="empty">{t('product.movements.empty')}</p>;
  return (
    <div className="mg-table-scroll">
      <table className="mg-table mg-movements">
        <thead>
          <tr>
            <th scope="col">{t('product.col.time')}</th>
            <th scope="col">{t('product.col.kind')}</th>
            <th scope="col" className="mg-align-end">{t('product.col.delta')}</th>
            <th scope="col" className="mg-align-end">{t('product.col.after')}</th>
            <th scope="col">{t('product.col.status')}</th>
            <th scope="col">{t('product.col.reason')}</th>
            <th scope="col">{t('product.col.device')}</th>
          </tr>
        </thead>
        <tbody>
          {movements.map((m) => {
            const kind: MessageKey = `product.kind.${m.kind}`;
            const status: MessageKey = `product.status.${m.status}`;
            // Who did it (the till user, else the device's name) and on which device; never a raw id.
            const device = m.deviceId === thisDeviceId || formerDeviceIds?.includes(m.deviceId) ? t('product.thisDevice') : deviceName(m.deviceId);
            const who = [m.actor, device !== m.actor ? device : null].filter(Boolean).join(' · ') || '—';
            const reason =
              m.kind === 'count' && m.countedQty !== null && m.expectedQty !== null
                ? t('product.countDetail', { counted: format.number(m.countedQty), expected: format.number(m.expectedQty) })
                : (m.reason ?? '');
            return (
              <tr key={m.id} className={`mg-movement mg-movement--${m.status}`} data-status={m.status}>
                <td className="mg-nowrap" title={m.serverTime !== null ? format.dateTime(m.serverTime) : undefined}>
                  {format.dateTime(m.clientTime)}
                </td>
                <td>{t(kind)}</td>
                <td className={`mg-align-end num ${m.delta < 0 ? 'mg-neg' : 'mg-pos'}`}>{format.delta(m.delta)}</td>
                <td className="mg-align-end num">{m.balanceAfter === null ? '—' : format.number(m.balanceAfter)}</td>
                <td>
                  <span className={`mg-status mg-status--${m.status}`}>{t(status)}</span>
                </td>
                <td>
                  {reason}
                  {m.status === 'rejected' && m.rejection ? (
                    <div className="mg-rejection" role="note" title={m.rejection.message || undefined}>
                      {rejectionText(t, format.number, m.rejection)}
                    </div>
                  ) : null}
                </td>
                <td className="muted">{who}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
