/** Barcodes as removable chips plus a box that adds on Enter (what a scanner sends). */
import { useT } from '../../i18n/index.js';
import { splitBarcodes } from './product-validation.js';

export function BarcodeListInput({
  id,
  barcodes,
  draft,
  onChange,
  invalid,
  describedBy,
}: {
  id: string;
  barcodes: string[];
  draft: string;
  onChange: (next: { barcodes: string[]; draft: string }) => void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const t = useT();
  const add = () => {
    const added = splitBarcodes(draft);
    if (added.length === 0) return;
    onChange({ barcodes: [...new Set([...barcodes, ...added])], draft: '' });
  };
  return (
    <div className={`mg-chips${invalid ? ' mg-chips--invalid' : ''}`}>
      {barcodes.map((b) => (
        <span className="mg-chip" key={b}>
          <span className="mono">{b}</span>
          <button
            type="button"
            className="mg-chip__remove"
            aria-label={t('catalog.edit.barcodeRemove', { code: b })}
            onClick={() => onChange({ barcodes: barcodes.filter((x) => x !== b), draft })}
          >
            ×
          </button>
        </span>
      ))}
      <input
        id={id}
        className="mg-chips__input"
        value={draft}
        autoComplete="off"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange({ barcodes, draft: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            // A scanner ends with Enter: add the code instead of submitting the form.
            e.preventDefault();
            add();
          } else if (e.key === 'Backspace' && draft === '' && barcodes.length > 0) {
            onChange({ barcodes: barcodes.slice(0, -1), draft });
          }
        }}
      />
      <button type="button" className="btn btn--sm" onClick={add} disabled={draft.trim() === ''}>
        {t('catalog.edit.barcodeAdd')}
      </button>
    </div>
  );
}
