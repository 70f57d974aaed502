import type { Rejection } from '../../shared/index.js';
import type { MessageKey, TFunction } from '../i18n/index.js';

/** A movement verdict in the person's words (DESIGN §6: no validator text, no ids). */
export function rejectionText(t: TFunction, formatNumber: (n: number) => string, rejection: Pick<Rejection, 'code' | 'requested' | 'available'>): string {
  const key = `rejection.${rejection.code}` as MessageKey;
  return t(key, { requested: formatNumber(rejection.requested), available: formatNumber(rejection.available) });
}
