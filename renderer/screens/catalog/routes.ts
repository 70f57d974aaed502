import type { ScreenRoute } from '../../navigation/routes.js';
import { DevicesScreen } from '../admin/devices-screen.js';
import { StoresScreen } from '../admin/stores-screen.js';
import { ProductDetailScreen } from '../product/product-detail-screen.js';
import { StockScreen } from '../stock/stock-screen.js';
import { ImportScreen } from './import-screen.js';
import { ProductEditorScreen } from './product-editor-screen.js';
import { ProductsScreen } from './products-screen.js';
import './management.css';

/**
 * Screens of the catalog area (stock list, catalog, product detail / editor,
 * CSV import, owner admin), registered in renderer/app/screens.ts.
 * Fixed paths come before "/products/:productId" so "new" and "import" are not read as ids.
 */
export const catalogRoutes: ScreenRoute[] = [
  { id: 'stock', path: '/stock', titleKey: 'stock.nav', component: StockScreen, nav: { order: 100, hotkey: 'Alt+6', icon: '▦' } },
  { id: 'products', path: '/products', titleKey: 'catalog.nav', component: ProductsScreen, nav: { order: 110, hotkey: 'Alt+7', icon: '☰' } },
  { id: 'product-new', path: '/products/new', titleKey: 'catalog.edit.newTitle', component: ProductEditorScreen, roles: ['owner', 'manager'] },
  { id: 'product-import', path: '/products/import', titleKey: 'import.title', component: ImportScreen, roles: ['owner', 'manager'] },
  { id: 'product-edit', path: '/products/:productId/edit', titleKey: 'catalog.edit.details', component: ProductEditorScreen, roles: ['owner', 'manager'] },
  { id: 'product', path: '/products/:productId', titleKey: 'product.title', component: ProductDetailScreen },
  { id: 'admin-stores', path: '/admin/stores', titleKey: 'admin.stores.nav', component: StoresScreen, nav: { order: 180, icon: '▣' }, roles: ['owner'] },
  { id: 'admin-devices', path: '/admin/devices', titleKey: 'admin.devices.nav', component: DevicesScreen, nav: { order: 190, icon: '▤' }, roles: ['owner'] },
];
