import { useMemo, useState } from 'react';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import type { SyncException } from '../../data/api.js';
import { useExceptions, useObservable, useSession, useStockroom } from '../../data/hooks.js';
import { useFormat, useT, type MessageKey } from '../../i18n/index.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { Dialog } from '../../ui/dialog.js';
import { rejectionText } from '../../ui/rejection-text.js';
import { useToast } from '../../ui/toast.js';
import { ReasonField, reasonIsValid } from '../kit/reason-field.js';

/**
 * Refused movements with the server's reason and what to do about each (DESIGN §5). One
 * leaves the list only through a recorded action — a count of the shelf, the sale entered
 * again — or a manager's dismissal with a reason; each resolution is kept in the history.
 */
export function ExceptionsScreen(_: RouteProps) {
  const client = useStockroom();
  const session = useSession();
  const list = useExceptions();
  const history = useObservable(useMemo(() => client.exceptionHistory$, [client]), []);
  const t = useT();
  const format = useFormat();
  const toast = useToast();
  const [dismissing, setDismissing] = useState<SyncException | null>(null);
  const mayDismiss = session.role === 'owner' || session.role === 'manager';
  const productName = (id: string) => client.catalog.get(id)?.name ?? t('common.unknownProduct');

  /** A rejected dispatch sent again with what the source holds now (resolves the exception). */
  async function reduce(movementId: string) {
    try {
      const sent = await client.reduceDispatchToAvailable(movementId);
      if (sent === null) return toast(t('exceptions.nothingAvailable'), 'error');
      toast(t('exceptions.reduced', { qty: format.number(sent.qty) }), 'ok');
    } catch (err) {
      toast(commandErrorText(t, err, productName, format.number), 'error');
    }
  }

  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">{t('exceptions.title')}</h1>
        <span className="badge badge--soft">{list.length}</span>
      </div>
      <p className="muted" style={{ margin: 0 }}>{t('exceptions.intro')}</p>
      <section className="card" data-testid="exceptions">
        {list.length === 0 ? (
          <div className="empty">{t('exceptions.none')}</div>
        ) : (
          list.map((x) => {
            const m = x.movement;
            const qty = Math.abs(m.delta);
            return (
              <div className="exception" key={m.id} data-testid="exception" data-movement={m.id}>
                <div className="stack" style={{ gap: 2, minWidth: 0 }}>
                  <div className="exception__title">
                    {m.kind === 'sale' ? t('exceptions.kind.sale') : m.kind === 'transfer_out' ? t('exceptions.kind.transfer') : t('exceptions.kind.other')} · {x.product?.name ?? t('common.unknownProduct')} × {format.number(qty)}
                  </div>
                  <div className="exception__reason">{m.rejection ? rejectionText(t, format.number, m.rejection) : x.message}</div>
                  <div className="hint">
                    {t('exceptions.when', { time: format.dateTime(m.clientTime) })}
                    {m.actor ? ` · ${t('journal.by', { person: m.actor })}` : ''}
                  </div>
                </div>
                <div className="exception__actions">
                  <button className="btn btn--sm" onClick={() => navigate(paths.count(m.productId, m.id))} data-testid="exception-count">
                    {t('exceptions.countShelf')}
                  </button>
                  {m.kind === 'sale' && (
                    <button className="btn btn--sm" onClick={() => navigate(paths.counter({ reenter: m.id, add: m.productId, qty }))} data-testid="exception-reenter">
                      {t('exceptions.reenter')}
                    </button>
                  )}
                  {m.kind === 'transfer_out' && m.rejection?.code === 'insufficient-stock' && (
                    <button className="btn btn--sm" onClick={() => void reduce(m.id)} data-testid="exception-reduce">
                      {t('exceptions.reduceToAvailable')}
                    </button>
                  )}
                  {mayDismiss && (
                    <button className="btn btn--sm btn--danger" onClick={() => setDismissing(x)} data-testid="exception-dismiss">
                      {t('exceptions.dismiss')}
                    </button>
                  )}
                </div>
              </div>
            );
          })
        )}
      </section>

      <h2 className="section-title">{t('exceptions.history')}</h2>
      <section className="card" data-testid="exception-history">
        {history.length === 0 ? (
          <div className="empty">{t('exceptions.historyNone')}</div>
        ) : (
          history.map(({ resolution: r, product, movement }) => (
            <div className="exception" key={r.id} data-testid="resolution" data-movement={r.id} data-resolution={r.resolution}>
              <div className="stack" style={{ gap: 2, minWidth: 0 }}>
                <div className="exception__title">{product?.name ?? t('common.unknownProduct')}</div>
                <div className="hint">
                  {t(
                    r.resolution === 're-entered' && movement?.kind === 'transfer_out' ? 'exceptions.resolution.re-dispatched' : (`exceptions.resolution.${r.resolution}` as MessageKey),
                    { person: r.resolvedBy ?? t('journal.otherTill'), reason: r.reason ?? '' },
                  )}
                </div>
              </div>
              <div className="hint">{format.dateTime(r.at)}</div>
            </div>
          ))
        )}
      </section>

      {dismissing && (
        <DismissDialog
          exception={dismissing}
          onClose={() => setDismissing(null)}
          onConfirm={async (reason) => {
            try {
              await client.dismissException(dismissing.movement.id, reason);
              toast(t('exceptions.dismissed'), 'ok');
              setDismissing(null);
            } catch (err) {
              toast(commandErrorText(t, err, (id) => client.catalog.get(id)?.name ?? t('common.unknownProduct'), format.number), 'error');
            }
          }}
        />
      )}
    </div>
  );
}

function DismissDialog({ exception, onClose, onConfirm }: { exception: SyncException; onClose(): void; onConfirm(reason: string): Promise<void> }) {
  const t = useT();
  const format = useFormat();
  const [reason, setReason] = useState('');
  const valid = reasonIsValid(reason);
  return (
    <Dialog title={t('exceptions.dismissTitle')} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void onConfirm(reason.trim());
        }}
      >
        <p style={{ margin: 0 }}>
          <strong>{exception.product?.name ?? t('common.unknownProduct')} × {format.number(Math.abs(exception.movement.delta))}</strong>
          <br />
          {t('exceptions.dismissIntro')}
        </p>
        <ReasonField label={t('exceptions.dismissReason')} value={reason} onChange={setReason} testId="dismiss-reason" />
        <div className="row dialog__actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn btn--danger" disabled={!valid} data-testid="dismiss-confirm">
            {t('exceptions.dismissConfirm')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}
