/** Suppliers and purchase orders: the refusals of the purchasing commands (screens to come). */
export const purchasingEn = {
  'command.supplier-unknown': 'This supplier is not on this device yet',
  'command.po-unknown': 'This purchase order is not on this device yet',
  'command.po-not-draft': 'This purchase order was already sent to the supplier and can no longer be changed',
  'command.po-not-out': 'This purchase order is not out with the supplier: nothing can be received against it',
  'command.po-cannot-cancel': 'Only a draft, or an order nothing has arrived of yet, can be cancelled',
  'command.po-other-store': 'This purchase order is for another store',
  'command.po-not-on-it': '{product} is not on this purchase order',
  'command.po-line-closed': 'The line of {product} is closed: nothing more is expected of it',
  'command.po-too-much': '{left, plural, =0 {Nothing more of {product} is on order} one {Only # more of {product} is on order} other {Only # more of {product} are on order}}',
} as const;
