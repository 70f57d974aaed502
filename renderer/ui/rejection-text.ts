import { transferRefusalKey, type Rejection } from '../../shared/index.js';
import type { MessageKey, TFunction } from '../i18n/index.js';

/** A movement verdict in the person's words (DESIGN §6: no validator text, no ids). */
export function rejectionText(
  t: TFunction,
  formatNumber: (n: number) => string,
  rejection: Pick<Rejection, 'code' | 'requested' | 'available'> & Partial<Pick<Rejection, 'message'>>,
): string {
  // A refused transfer movement says why in the person's language (the server's sentence is English).
  const why = rejection.message === undefined ? null : transferRefusalKey({ ...rejection, message: rejection.message });
  if (why) return t(`rejection.transfer.${why}` as MessageKey, { n: formatNumber(rejection.available) });
  const key = `rejection.${rejection.code}` as MessageKey;
  return t(key, { requested: formatNumber(rejection.requested), available: formatNumber(rejection.available) });
}
