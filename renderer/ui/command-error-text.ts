import { CommandError, type CommandProblem } from '../data/commands/commands.js';
import type { MessageKey, TFunction } from '../i18n/index.js';

/**
 * What went wrong, in the person's words (DESIGN §6): product names, limits in words, no ids
 * and no validator text. Anything that is not a command's refusal (a failed local write) gets
 * one plain sentence; the details go to the console for whoever debugs it.
 */
export function commandErrorText(
  t: TFunction,
  err: unknown,
  productName: (productId: string) => string,
  formatNumber: (n: number) => string = String,
): string {
  if (err instanceof CommandError) return err.problems.map((p) => problemText(t, p, productName, formatNumber)).join(' · ');
  console.error(err);
  return t('command.saveFailed');
}

function problemText(t: TFunction, p: CommandProblem, productName: (productId: string) => string, formatNumber: (n: number) => string): string {
  const key = `command.${p.code}` as MessageKey;
  switch (p.code) {
    case 'qty-invalid':
      return t(key, { product: p.productId ? productName(p.productId) : '' });
    case 'qty-too-big':
      return t(key, { product: p.productId ? productName(p.productId) : '', max: formatNumber(p.max) });
    case 'po-too-much':
      return t(key, { product: productName(p.productId), left: p.left });
    case 'transfer-too-much':
    case 'void-too-much':
      return t(key, { product: productName(p.productId), left: formatNumber(p.left) });
    case 'transfer-not-on-it':
    case 'po-not-on-it':
    case 'po-line-closed':
      return t(key, { product: productName(p.productId) });
    case 'reason-too-long':
      return t(key, { max: formatNumber(p.max) });
    case 'invalid':
      console.error(`command refused: ${p.detail}`);
      return t(key);
    default:
      return t(key);
  }
}
