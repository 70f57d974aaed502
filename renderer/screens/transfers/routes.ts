import type { ScreenRoute } from '../../navigation/routes.js';
import { DispatchScreen } from './dispatch-screen.js';
import { PackingSlipScreen } from './packing-slip-screen.js';
import { ReceiveTransferScreen } from './receive-transfer-screen.js';
import { TransferDetailScreen } from './transfer-detail-screen.js';
import { TransferEditorScreen } from './transfer-editor-screen.js';
import { TransfersScreen } from './transfers-screen.js';
import './transfers.css';

/** Transfers between stores: everyone sees them; owners and managers create drafts. `/transfers/new` before `/:transferId`. */
export const transfersRoutes: ScreenRoute[] = [
  { id: 'transfers', path: '/transfers', titleKey: 'nav.transfers', component: TransfersScreen, nav: { order: 65, icon: '⇄' } },
  { id: 'transfer-new', path: '/transfers/new', titleKey: 'transfers.editor.title', component: TransferEditorScreen, roles: ['owner', 'manager'] },
  { id: 'transfer', path: '/transfers/:transferId', titleKey: 'nav.transfers', component: TransferDetailScreen },
  { id: 'transfer-dispatch', path: '/transfers/:transferId/dispatch', titleKey: 'transfers.action.dispatch', component: DispatchScreen },
  { id: 'transfer-receive', path: '/transfers/:transferId/receive', titleKey: 'transfers.action.receive', component: ReceiveTransferScreen },
  { id: 'transfer-slip', path: '/transfers/:transferId/slip', titleKey: 'transfers.slip.title', component: PackingSlipScreen },
];
