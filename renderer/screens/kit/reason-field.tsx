import { useId } from 'react';
import { LIMITS } from '../../../shared/index.js';
import { useT } from '../../i18n/index.js';

/** Whether a typed reason is one the server takes (1–64 characters once trimmed). */
export function reasonIsValid(reason: string): boolean {
  const n = reason.trim().length;
  return n >= 1 && n <= LIMITS.reasonLength;
}

/** A reason (void, return, dismissal): 1–64 characters, the limit said in words. */
export function ReasonField({ label, value, onChange, testId, hint }: { label: string; value: string; onChange(v: string): void; testId: string; hint?: string }) {
  const t = useT();
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>{label}</label>
      <input id={id} className="input" value={value} maxLength={LIMITS.reasonLength} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`} data-testid={testId} />
      <span className="hint" id={`${id}-hint`}>{hint ?? t('adjust.reasonHint')}</span>
    </div>
  );
}
