/**
 * IPC channel names shared by the preload and the main process. Kept free of
 * imports so the sandboxed preload bundle stays tiny. One channel per named
 * bridge function (DESIGN §1: never a generic send).
 */
export const IPC = {
  /** invoke: NotifyRequest → void */
  notify: 'stockroom:notify',
  /** send: TrayCounts */
  setTrayCounts: 'stockroom:set-tray-counts',
  /** invoke: () → settings record */
  getSettings: 'stockroom:get-settings',
  /** invoke: settings record → void */
  setSettings: 'stockroom:set-settings',
  /** main → renderer: { productId, storeId } (empty productId = open the alert centre) */
  focusProduct: 'stockroom:focus-product',
} as const;

/** Passed to the renderer through `additionalArguments` (a sandboxed preload can read process.argv). */
export const VERSION_ARG = '--stockroom-version=';
