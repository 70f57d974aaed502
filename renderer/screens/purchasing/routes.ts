import type { ScreenRoute } from '../../navigation/routes.js';
import { PurchaseOrderEditorScreen } from './purchase-order-editor-screen.js';
import { PurchaseOrderPrintScreen } from './purchase-order-print-screen.js';
import { PurchaseOrderScreen } from './purchase-order-screen.js';
import { PurchaseOrdersScreen } from './purchase-orders-screen.js';
import { ReceiveOrderScreen } from './receive-order-screen.js';
import { SuppliersScreen } from './suppliers-screen.js';
import './purchasing.css';

/**
 * Suppliers and purchase orders (owners and managers; suppliers open from the orders' page, so
 * the sidebar still fits a 768-pixel window); staff of the store open an order to
 * receive against it (receipts are movements). `/purchase-orders/new` before `/:orderId`.
 */
export const purchasingRoutes: ScreenRoute[] = [
  { id: 'purchase-orders', path: '/purchase-orders', titleKey: 'nav.purchaseOrders', component: PurchaseOrdersScreen, nav: { order: 66, icon: '✉' }, roles: ['owner', 'manager'] },
  { id: 'purchase-order-new', path: '/purchase-orders/new', titleKey: 'po.editor.title', component: PurchaseOrderEditorScreen, roles: ['owner', 'manager'] },
  { id: 'purchase-order', path: '/purchase-orders/:orderId', titleKey: 'po.editor.title', component: PurchaseOrderScreen },
  { id: 'purchase-order-receive', path: '/purchase-orders/:orderId/receive', titleKey: 'po.action.receive', component: ReceiveOrderScreen },
  { id: 'purchase-order-print', path: '/purchase-orders/:orderId/print', titleKey: 'po.print.title', component: PurchaseOrderPrintScreen },
  { id: 'suppliers', path: '/suppliers', titleKey: 'nav.suppliers', component: SuppliersScreen, roles: ['owner', 'manager'] },
];
