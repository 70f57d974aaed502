/**
 * A transfer's page: its lines (requested, sent, received, returned, written off, in transit),
 * its movements at both ends with who and when and their verdicts (the other end's from the
 * server while online), and the actions its
 * state and this device allow: edit / cancel a draft (managers), dispatch (the source's
 * devices), receive (the destination's), take back what is on the road (a source manager).
 */
import { useQuery } from '@tanstack/react-query';
import { inTransit, isTransferOverdue, transferStep, type MovementDoc } from '../../../shared/index.js';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import { useSession, useStockroom, useTransfers } from '../../data/hooks.js';
import { useFormat, useT, type MessageKey } from '../../i18n/index.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { rejectionText } from '../../ui/rejection-text.js';
import { useToast } from '../../ui/toast.js';
import { Banner, Card, Empty, Page } from '../kit/page.js';
import { useWritesStore } from '../kit/roles.js';
import { transferCode } from './transfer-list.js';
import { TransferStatePill, useStoreName } from './transfer-state.js';

export function TransferDetailScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const toast = useToast();
  const client = useStockroom();
  const session = useSession();
  const writes = useWritesStore();
  const storeName = useStoreName();
  const { transfers } = useTransfers();
  const id = params.transferId ?? '';
  const x = transfers.get(id);
  // This device holds its own stores' movements; the other end's (who received, who wrote off)
  // come from the server while online. Version in the key: refetched as the transfer moves.
  const otherEnd = useQuery({
    queryKey: ['transferMovements', id, x?.seq ?? 0],
    queryFn: () => client.server.reports.transferMovements.query({ transferId: id }),
    enabled: x !== undefined && x.state !== 'draft',
  });
  const back = { label: t('transfers.title'), href: paths.transfers() };
  if (!x) return <Page title={t('transfers.title')} back={back}><Empty>{t('transfers.detail.notFound')}</Empty></Page>;

  const manager = session.role === 'owner' || session.role === 'manager';
  const name = (pid: string) => client.catalog.get(pid)?.name ?? t('common.unknownProduct');
  const onRoad = x.lines.reduce((a, l) => a + inTransit(l), 0);
  const leftToSend = x.lines.some((l) => l.qty > l.sent);
  const active = x.state === 'sent' || x.state === 'partial';
  const fail = (err: unknown) => toast(commandErrorText(t, err, name, format.number), 'error');
  const movements = withOtherEnd(transfers.movementsOf(x.id), otherEnd.data?.movements);
  const days = transfers.overdueDays();
  const overdue = isTransferOverdue(x, days, Date.now());

  async function cancel() {
    if (!window.confirm(t('transfers.confirmCancel'))) return;
    try {
      await client.cancelTransferDraft(x!.id);
      toast(t('transfers.cancelled'), 'ok');
    } catch (err) {
      fail(err);
    }
  }
  async function takeBack() {
    if (!window.confirm(t('transfers.confirmReturn', { store: storeName(x!.fromStoreId) }))) return;
    try {
      const ids = await client.returnTransfer(x!.id);
      toast(t('transfers.returned', { count: ids.length, store: storeName(x!.fromStoreId) }), 'ok');
    } catch (err) {
      fail(err);
    }
  }

  return (
    <Page
      title={<>{t('transfers.number', { code: transferCode(x.id) })} <TransferStatePill state={x.state} overdue={overdue} /></>}
      subtitle={`${storeName(x.fromStoreId)} → ${storeName(x.toStoreId)} · ${t('transfers.detail.createdBy', { person: x.createdBy ?? '—', time: format.dateTime(x.createdAt) })}`}
      back={back}
      actions={
        <div className="tr-actions">
          {x.state === 'draft' && manager ? <a className="btn" href={`#${paths.newTransfer(x.id)}`} data-testid="edit-transfer">{t('transfers.action.edit')}</a> : null}
          {x.state === 'draft' && manager ? <button className="btn btn--danger" onClick={() => void cancel()} data-testid="cancel-transfer">{t('transfers.action.cancel')}</button> : null}
          {(x.state === 'draft' || active) && leftToSend && writes(x.fromStoreId) ? (
            <button className="btn btn--primary" onClick={() => navigate(paths.dispatchTransfer(x.id))} data-testid="dispatch-transfer">{t('transfers.action.dispatch')}</button>
          ) : null}
          {active && onRoad > 0 && writes(x.toStoreId) ? (
            <button className="btn btn--primary" onClick={() => navigate(paths.receiveTransfer(x.id))} data-testid="receive-transfer">{t('transfers.action.receive')}</button>
          ) : null}
          {active && onRoad > 0 && manager && writes(x.fromStoreId) ? (
            <button className="btn" onClick={() => void takeBack()} data-testid="return-transfer">{t('transfers.action.return')}</button>
          ) : null}
          {x.state !== 'cancelled' ? <a className="btn" href={`#${paths.packingSlip(x.id)}`} data-testid="packing-slip">{t('transfers.action.slip')}</a> : null}
        </div>
      }
    >
      {x.note ? <Banner tone="info"><span style={{ whiteSpace: 'pre-wrap' }}><strong>{t('transfers.detail.note')}:</strong> {x.note}</span></Banner> : null}
      <Card title={t('transfers.detail.lines')}>
        <div className="mg-table-scroll">
          <table className="mg-table" data-testid="transfer-detail-lines">
            <thead>
              <tr>
                <th>{t('transfers.detail.col.product')}</th>
                <th className="mg-align-end">{t('transfers.detail.col.requested')}</th>
                <th className="mg-align-end">{t('transfers.detail.col.sent')}</th>
                <th className="mg-align-end">{t('transfers.detail.col.arrived')}</th>
                <th className="mg-align-end">{t('transfers.detail.col.writtenOff')}</th>
                <th className="mg-align-end">{t('transfers.detail.col.returned')}</th>
                <th className="mg-align-end">{t('transfers.detail.col.transit')}</th>
              </tr>
            </thead>
            <tbody>
              {x.lines.map((l) => (
                <tr key={l.productId} data-testid="transfer-detail-line" data-product={l.productId}>
                  <th><a className="mg-link" href={`#${paths.product(l.productId)}`}>{name(l.productId)}</a></th>
                  <td className="tr-num">{format.number(l.qty)}</td>
                  <td className="tr-num" data-col="sent">{format.number(l.sent)}</td>
                  {/* The ledger books missing and damaged units in and writes them off: what arrived in good order is the difference. */}
                  <td className="tr-num" data-col="arrived">{format.number(l.received - l.writtenOff)}</td>
                  <td className="tr-num" data-col="writtenOff">{format.number(l.writtenOff)}</td>
                  <td className="tr-num" data-col="returned">{format.number(l.returned)}</td>
                  <td className="tr-num" data-col="transit"><strong>{format.number(inTransit(l))}</strong></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={t('transfers.detail.movements')}>
        {movements.length === 0 ? (
          <div className="empty">{t('transfers.detail.noMovements')}</div>
        ) : (
          <div className="mg-table-scroll">
            <table className="mg-table" data-testid="transfer-movements">
              <thead>
                <tr>
                  <th>{t('transfers.detail.col.when')}</th>
                  <th>{t('transfers.detail.col.what')}</th>
                  <th>{t('transfers.detail.col.who')}</th>
                  <th>{t('transfers.detail.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {movements.map((m) => {
                  const step = transferStep(x, m) ?? 'dispatch';
                  const stepKey: MessageKey = `transfers.detail.step.${step}`;
                  const statusKey: MessageKey = `transfers.detail.status.${m.status}`;
                  return (
                    <tr key={m.id} data-testid="transfer-movement" data-kind={m.kind} data-status={m.status}>
                      <td className="muted" style={{ whiteSpace: 'nowrap' }}>{format.dateTime(m.clientTime)}</td>
                      <td>
                        {t(stepKey, { reason: m.reason === 'damaged' || m.reason === 'missing' ? t(`transfers.detail.reason.${m.reason}`) : (m.reason ?? '') })} · {name(m.productId)} × {format.number(Math.abs(m.delta))}
                        <div className="muted">{storeName(m.storeId)}</div>
                      </td>
                      <td>{m.actor ?? '—'}</td>
                      <td>
                        <span className={`mg-status mg-status--${m.status}`}>{t(statusKey)}</span>
                        {m.rejection ? <div className="tr-rejection" title={m.rejection.message}>{rejectionText(t, format.number, m.rejection)}</div> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </Page>
  );
}

/** The server's list of both ends with this device's movements it does not have yet (pending), by id, oldest first. */
function withOtherEnd(own: MovementDoc[], server: readonly MovementDoc[] | undefined): MovementDoc[] {
  if (!server) return own;
  const byId = new Map(server.map((m) => [m.id, m]));
  for (const m of own) if (!byId.has(m.id)) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.clientTime - b.clientTime);
}
