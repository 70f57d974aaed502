import { useFormat, useT } from '../../i18n/index.js';
import { Dialog } from '../../ui/dialog.js';

export interface OversoldLine {
  productId: string;
  name: string;
  qty: number;
  level: number;
}

/**
 * Asked before a sale beyond the projected level is recorded (issue 11 §2), offline too.
 * "Change the quantities" is focused, so a cashier's habitual Enter never records it.
 */
export function OversellDialog({ lines, serverRefuses, onBack, onConfirm }: { lines: OversoldLine[]; serverRefuses: boolean; onBack(): void; onConfirm(): void }) {
  const t = useT();
  const format = useFormat();
  return (
    <Dialog title={t('oversell.title')} onClose={onBack}>
      <div className="stack" data-testid="oversell-dialog">
        <p style={{ margin: 0 }}>{t('oversell.intro')}</p>
        <ul className="ticket-lines-list">
          {lines.map((l) => (
            <li key={l.productId} data-testid="oversell-line">
              <span className="name">{t('oversell.line', { product: l.name, qty: format.number(l.qty), level: format.number(l.level) })}</span>
            </li>
          ))}
        </ul>
        {serverRefuses && <p className="hint" style={{ margin: 0 }}>{t('oversell.serverDecides')}</p>}
        <div className="row dialog__actions">
          <button type="button" className="btn btn--primary" data-autofocus onClick={onBack} data-testid="oversell-back">
            {t('oversell.back')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="btn btn--danger" onClick={onConfirm} data-testid="oversell-confirm">
            {t('oversell.confirm')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
