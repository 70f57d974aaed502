import { alertsEn } from './parts/alerts.en.js';
import { catalogEn } from './parts/catalog.en.js';
import { coreEn } from './parts/core.en.js';
import { pairingEn } from './parts/pairing.en.js';
import { reportsEn } from './parts/reports.en.js';
import { tillEn } from './parts/till.en.js';
import { purchasingEn } from './parts/purchasing.en.js';
import { transfersEn } from './parts/transfers.en.js';

/**
 * English, the base language: every message key is typed from this object.
 * Each area owns one part file (parts/<area>.en.ts + parts/<area>.zh-CN.ts) so
 * helpers never edit the same file; add a new area by spreading it here and in zh-CN.ts.
 */
export const en = { ...coreEn, ...catalogEn, ...alertsEn, ...tillEn, ...pairingEn, ...transfersEn, ...purchasingEn, ...reportsEn } as const;
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
