/** Text input for an amount in the tenant currency; the form parses it to minor units with parseMoney. */
import { useMemo } from 'react';
import { useFormat } from '../../i18n/index.js';
import { currencyFractionDigits, formatMoneyPlain } from './money.js';

export function currencySymbol(locale: string, currency: string): string {
  try {
    const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0);
    return parts.find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

export function MoneyInput({
  id,
  value,
  onChange,
  invalid,
  describedBy,
  readOnly,
}: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  invalid?: boolean;
  describedBy?: string;
  readOnly?: boolean;
}) {
  const format = useFormat();
  const symbol = useMemo(() => currencySymbol(format.locale, format.currency), [format.locale, format.currency]);
  return (
    <div className={`mg-money${invalid ? ' mg-money--invalid' : ''}`}>
      <span className="mg-money__symbol" aria-hidden="true">
        {symbol}
      </span>
      <input
        id={id}
        className="input mg-money__input"
        inputMode="decimal"
        autoComplete="off"
        value={value}
        readOnly={readOnly}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        placeholder={formatMoneyPlain(0, currencyFractionDigits(format.currency))}
      />
      <span className="mg-money__code">{format.currency}</span>
    </div>
  );
}
