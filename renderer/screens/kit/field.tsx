/** Labelled form field with hint and error text wired through aria-describedby. */
import type { ReactNode } from 'react';

export function Field({
  id,
  label,
  hint,
  errors,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  /** The control; give it `id`, `aria-describedby={describedBy(id, …)}` and `aria-invalid`. */
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`field mg-field${errors && errors.length > 0 ? ' mg-field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? (
        <p className="mg-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors && errors.length > 0 ? (
        <p className="mg-field__error" id={`${id}-error`} role="alert">
          {errors.join(' · ')}
        </p>
      ) : null}
    </div>
  );
}

export function describedBy(id: string, hasHint: boolean, hasError: boolean): string | undefined {
  const ids = [hasHint ? `${id}-hint` : null, hasError ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
