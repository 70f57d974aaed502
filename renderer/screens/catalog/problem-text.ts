/** Localized text for a validation problem from product-validation.ts. */
import type { MessageKey, TFunction } from '../../i18n/index.js';
import type { FieldProblem, ProductField } from './product-validation.js';

export function problemText(t: TFunction, p: FieldProblem): string {
  // Typed against MessageKey: a problem code without a message is a compile error.
  const key: MessageKey = `catalog.problem.${p.code}`;
  return t(key, p.params);
}

export function fieldLabel(t: TFunction, field: ProductField): string {
  const key: MessageKey = `catalog.field.${field}`;
  return t(key);
}

/** "price: Not an amount (e.g. 12.50)" — for lists where the field is not obvious. */
export function problemWithField(t: TFunction, p: FieldProblem): string {
  return p.field === 'row' ? problemText(t, p) : `${fieldLabel(t, p.field)}: ${problemText(t, p)}`;
}
