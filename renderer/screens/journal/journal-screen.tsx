import { useMemo, useState } from 'react';
import { localDay } from '../../../shared/index.js';
import type { RouteProps } from '../../navigation/routes.js';
import type { JournalTicket } from '../../data/api.js';
import type { JournalLine } from '../../data/commands/journal.js';
import { useActiveStore, useObservable, useSession, useStockroom, useStores } from '../../data/hooks.js';
import { useFormat, useT, type MessageKey } from '../../i18n/index.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { Dialog } from '../../ui/dialog.js';
import { readQty } from '../../ui/quantity-text.js';
import { rejectionText } from '../../ui/rejection-text.js';
import { useToast } from '../../ui/toast.js';
import { ReasonField, reasonIsValid } from '../kit/reason-field.js';

/**
 * The ticket journal (DESIGN §5): every ticket of the store this device holds (the pull
 * window), one day at a time in the store's time zone, with lines, prices, verdicts and who
 * rang them up. Any line of a past ticket can be voided or returned, in part, with a reason.
 */
export function JournalScreen({ params }: RouteProps) {
  const client = useStockroom();
  const session = useSession();
  const [storeId] = useActiveStore();
  const store = useStores().find((s) => s.id === storeId);
  const timeZone = store?.timezone;
  const t = useT();
  const format = useFormat();
  const tickets = useObservable(useMemo(() => client.journal$(storeId ?? ''), [client, storeId]), [] as JournalTicket[]);
  const days = useMemo(() => groupByDay(tickets, timeZone ?? 'UTC'), [tickets, timeZone]);
  const [chosenDay, setChosenDay] = useState<string | null>(params.day ?? null);
  const day = days.find((d) => d.day === chosenDay) ?? days[0];
  const [voiding, setVoiding] = useState<{ ticket: JournalTicket; line: JournalLine } | null>(null);
  const ownDevices = new Set([session.deviceId, ...(session.formerDeviceIds ?? [])]);

  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">{t('journal.title')}</h1>
        {store && <span className="muted">{store.name}</span>}
      </div>
      <p className="muted" style={{ margin: 0 }}>{t('journal.intro')}</p>
      {days.length === 0 || !day ? (
        <section className="card"><div className="empty">{t('journal.none')}</div></section>
      ) : (
        <>
          <div className="row journal__days">
            <label className="field" style={{ minWidth: 220 }}>
              <span className="field__label">{t('journal.dayPick')}</span>
              <select className="input" value={day.day} onChange={(e) => setChosenDay(e.target.value)} data-testid="journal-day">
                {days.map((d) => (
                  <option key={d.day} value={d.day}>
                    {format.date(d.tickets[0]!.clientTime, timeZone)} · {t('journal.dayTotal', { count: d.tickets.length, total: format.money(d.totalCents) })}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="stack" data-testid="journal-tickets">
            {day.tickets.map((ticket) => (
              <section className="card journal__ticket" key={ticket.ticketId} data-testid="journal-ticket" data-ticket={ticket.ticketId}>
                <div className="card__head journal__ticket-head">
                  <span>{t('journal.ticket', { time: format.time(ticket.clientTime, timeZone) })}</span>
                  <span className="hint">
                    {ticket.actor ? t('journal.by', { person: ticket.actor }) : ''}
                    {' · '}
                    {ownDevices.has(ticket.deviceId) ? t('journal.thisTill') : t('journal.otherTill')}
                  </span>
                </div>
                <table className="journal__lines">
                  <tbody>
                    {ticket.lines.map((line) => {
                      const product = client.catalog.get(line.productId);
                      return (
                        <tr key={line.saleMovementId} data-testid="journal-line" data-movement={line.saleMovementId}>
                          <td className="journal__name">{product?.name ?? t('common.unknownProduct')}</td>
                          <td className="num">× {format.number(line.qty)}</td>
                          <td className="num">{line.unitPriceCents === null ? '—' : format.money(line.unitPriceCents)}</td>
                          <td className="num">{line.unitPriceCents === null ? '—' : format.money(line.unitPriceCents * line.qty)}</td>
                          <td className="journal__status">
                            <span className={`badge badge--status badge--${line.status}`} data-testid="line-status">{t(`journal.status.${line.status}` as MessageKey)}</span>
                            {line.voided > 0 && <span className="hint"> · {t('journal.line.voided', { qty: format.number(line.voided) })}</span>}
                            {line.rejection && <div className="hint error">{rejectionText(t, format.number, line.rejection)}</div>}
                          </td>
                          <td className="journal__action">
                            {line.voidable > 0 && (
                              <button className="btn btn--sm" onClick={() => setVoiding({ ticket, line })} data-testid="void-line">
                                {t('journal.voidLine')}
                              </button>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                {ticket.voids.length > 0 && (
                  <ul className="journal__voids" data-testid="journal-voids">
                    {ticket.voids.map((v) => (
                      <li key={v.id} data-testid="journal-void" data-status={v.status}>
                        <span>
                          {t('journal.voidEntry', {
                            qty: format.number(v.delta),
                            product: client.catalog.get(v.productId)?.name ?? t('common.unknownProduct'),
                            reason: v.reason ?? '',
                            time: format.dateTime(v.clientTime, timeZone),
                          })}
                          {v.actor ? ` · ${t('journal.by', { person: v.actor })}` : ''}
                        </span>
                        <span className={`badge badge--status badge--${v.status}`}>{t(`journal.status.${v.status}` as MessageKey)}</span>
                        {v.rejection && <div className="hint error" data-testid="void-rejection">{rejectionText(t, format.number, v.rejection)}</div>}
                      </li>
                    ))}
                  </ul>
                )}
                <div className="journal__total">
                  <span>{t('journal.total')}</span>
                  <span className="num" data-testid="ticket-net">{format.money(ticket.totalCents - ticket.voidedCents)}</span>
                </div>
              </section>
            ))}
          </div>
        </>
      )}
      {voiding && <VoidLineDialog line={voiding.line} onClose={() => setVoiding(null)} />}
    </div>
  );
}

function VoidLineDialog({ line, onClose }: { line: JournalLine; onClose(): void }) {
  const client = useStockroom();
  const t = useT();
  const format = useFormat();
  const toast = useToast();
  const name = client.catalog.get(line.productId)?.name ?? t('common.unknownProduct');
  const [qtyText, setQtyText] = useState(String(line.voidable));
  const [reason, setReason] = useState('');
  const reading = readQty(qtyText);
  const qtyOk = reading.ok && reading.qty <= line.voidable;
  const valid = qtyOk && reasonIsValid(reason);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={t('journal.voidTitle', { product: name })} onClose={onClose}>
      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!valid || !reading.ok || busy) return;
          setBusy(true);
          try {
            await client.voidLine({ saleMovementId: line.saleMovementId, qty: reading.qty, reason: reason.trim() });
            toast(t('journal.voided', { qty: format.number(reading.qty), product: name }), 'ok');
            onClose();
          } catch (err) {
            toast(commandErrorText(t, err, (id) => client.catalog.get(id)?.name ?? t('common.unknownProduct'), format.number), 'error');
          } finally {
            setBusy(false);
          }
        }}
      >
        <p className="hint" style={{ margin: 0 }}>
          {t('journal.voidSold', {
            qty: format.number(line.qty),
            price: line.unitPriceCents === null ? '—' : format.money(line.unitPriceCents),
            left: format.number(line.voidable),
          })}
        </p>
        <label className="field">
          <span className="field__label">{t('journal.voidQty')}</span>
          <input
            className={`input input--qty num${qtyOk ? '' : ' input--invalid'}`}
            inputMode="numeric"
            value={qtyText}
            onChange={(e) => setQtyText(e.target.value)}
            onFocus={(e) => e.currentTarget.select()}
            aria-invalid={!qtyOk}
            data-testid="void-line-qty"
          />
          {!qtyOk && (
            <span className="error">
              {reading.ok ? t('command.void-too-much', { product: name, left: format.number(line.voidable) }) : t(`qty.hint.${reading.error}` as MessageKey)}
            </span>
          )}
        </label>
        <ReasonField label={t('journal.voidReason')} value={reason} onChange={setReason} testId="void-line-reason" hint={t('journal.voidReasonHint')} />
        <div className="row dialog__actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn btn--danger" disabled={!valid || busy} data-testid="void-line-confirm">
            {t('journal.voidConfirm', { qty: reading.ok ? format.number(reading.qty) : '—' })} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface JournalDay {
  day: string;
  tickets: JournalTicket[];
  totalCents: number;
}

/** Tickets by calendar day in the store's zone, newest day first (tickets stay newest first). */
function groupByDay(tickets: readonly JournalTicket[], timeZone: string): JournalDay[] {
  const days = new Map<string, JournalDay>();
  for (const ticket of tickets) {
    const day = localDay(ticket.clientTime, timeZone);
    let d = days.get(day);
    if (!d) days.set(day, (d = { day, tickets: [], totalCents: 0 }));
    d.tickets.push(ticket);
    d.totalCents += ticket.totalCents - ticket.voidedCents;
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? 1 : -1));
}
