import { navigate, paths, type RouteProps } from '../../app/routes.js';
import { useExceptions, useStockroom } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { rejectionText } from '../../ui/rejection-text.js';
import { useToast } from '../../ui/toast.js';

/**
 * Rejected movements with the server's reason and what to do about each.
 * Acknowledging is device-local: the replicated movement is never altered.
 */
export function ExceptionsScreen(_: RouteProps) {
  const client = useStockroom();
  const list = useExceptions();
  const t = useT();
  const format = useFormat();
  const toast = useToast();

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
                <div className="stack" style={{ gap: 2 }}>
                  <div className="exception__title">
                    {m.kind === 'sale' ? t('exceptions.kind.sale') : t('exceptions.kind.other')} · {x.product?.name ?? t('common.unknownProduct')} × {format.number(qty)}
                  </div>
                  <div className="exception__reason">
                    {m.rejection ? rejectionText(t, format.number, m.rejection) : x.message}
                  </div>
                  <div className="hint">{t('exceptions.when', { time: format.dateTime(m.clientTime) })}</div>
                </div>
                <div className="exception__actions">
                  <button
                    className="btn btn--sm"
                    onClick={async () => {
                      await client.acknowledgeException(m.id, 'counted');
                      navigate(paths.count(m.productId));
                    }}
                  >
                    {t('exceptions.countShelf')}
                  </button>
                  {m.kind === 'sale' && (
                    <button
                      className="btn btn--sm"
                      onClick={async () => {
                        await client.acknowledgeException(m.id, 're-entered');
                        navigate(paths.counter({ reenter: m.id, add: m.productId, qty }));
                      }}
                    >
                      {t('exceptions.reenter')}
                    </button>
                  )}
                  <button
                    className="btn btn--sm btn--danger"
                    onClick={async () => {
                      // The server never applied it: voiding means "it did not happen"; nothing to reverse.
                      await client.acknowledgeException(m.id, 'voided');
                      toast(t('counter.voided'));
                    }}
                  >
                    {t('exceptions.void')}
                  </button>
                </div>
              </div>
            );
          })
        )}
      </section>
    </div>
  );
}
