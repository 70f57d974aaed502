import { useCallback, useState, type ReactNode } from 'react';
import type { ProductDoc } from '../data/api.js';
import { useT } from '../i18n/index.js';
import { Dialog } from './dialog.js';

/**
 * DESIGN §2: an inactive product still scans, but a person confirms before it goes on a
 * ticket or a delivery. `guard(product, add)` adds at once for an active product and asks
 * first for an inactive one; while it asks, `asking` is true (the scanner waits).
 */
export function useInactiveGuard(kind: 'sell' | 'receive'): { guard(p: ProductDoc, add: () => void): void; asking: boolean; dialog: ReactNode } {
  const t = useT();
  const [pending, setPending] = useState<{ product: ProductDoc; add: () => void } | null>(null);
  const guard = useCallback((product: ProductDoc, add: () => void) => {
    if (product.active) add();
    else setPending({ product, add });
  }, []);
  const close = useCallback(() => setPending(null), []);
  const dialog = pending && (
    <Dialog title={t('inactive.title')} onClose={close}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          pending.add();
          setPending(null);
        }}
      >
        <p style={{ margin: 0 }} data-testid="inactive-question">
          {t(kind === 'sell' ? 'inactive.sell' : 'inactive.receive', { product: pending.product.name })}
        </p>
        <div className="row dialog__actions">
          <button type="button" className="btn" onClick={close} data-testid="inactive-cancel">
            {t('common.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn btn--primary" data-autofocus data-testid="inactive-confirm">
            {t('inactive.confirm')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
  return { guard, asking: pending !== null, dialog };
}
