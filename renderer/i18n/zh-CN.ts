import type { Messages } from './en.js';
import { alertsZhCN } from './parts/alerts.zh-CN.js';
import { catalogZhCN } from './parts/catalog.zh-CN.js';
import { coreZhCN } from './parts/core.zh-CN.js';
import { pairingZhCN } from './parts/pairing.zh-CN.js';
import { purchasingZhCN } from './parts/purchasing.zh-CN.js';
import { reportsZhCN } from './parts/reports.zh-CN.js';
import { tillZhCN } from './parts/till.zh-CN.js';
import { transfersZhCN } from './parts/transfers.zh-CN.js';

/** Simplified Chinese: `Messages` makes a missing key a type error. */
export const zhCN: Messages = { ...coreZhCN, ...catalogZhCN, ...alertsZhCN, ...tillZhCN, ...pairingZhCN, ...transfersZhCN, ...purchasingZhCN, ...reportsZhCN };
