import { useState } from 'react';
import type { LastTicket } from '../../data/api.js';
import { useStockroom } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { Dialog } from '../../ui/dialog.js';
import { ReasonField, reasonIsValid } from '../kit/reason-field.js';

/** F8: void the last ticket of this till, its lines shown so the cashier knows what goes back. */
export function VoidTicketDialog({ ticket, onClose, onConfirm }: { ticket: LastTicket; onClose(): void; onConfirm(reason: string): Promise<void> }) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const [reason, setReason] = useState('');
  const valid = reasonIsValid(reason);
  return (
    <Dialog title={t('counter.voidLast')} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void onConfirm(reason.trim());
        }}
      >
        <div className="stack" style={{ gap: 4 }}>
          <span className="field__label">{t('journal.lastTicketLines')} · {format.time(ticket.clientTime)}</span>
          <ul className="ticket-lines-list" data-testid="void-lines">
            {ticket.lines.map((l) => (
              <li key={l.movementId}>
                <span className="name">{client.catalog.get(l.productId)?.name ?? t('common.unknownProduct')}</span>
                <span className="num">
                  × {format.number(l.qty)}
                  {l.status === 'rejected' ? ` · ${t('journal.status.rejected')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <ReasonField label={t('counter.voidReason')} value={reason} onChange={setReason} testId="void-reason" />
        <div className="row dialog__actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn btn--danger" disabled={!valid}>
            {t('counter.voidConfirm')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}
