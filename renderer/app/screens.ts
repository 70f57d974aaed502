import { adminRoutes } from '../screens/admin/routes.js';
import { alertsRoutes } from '../screens/alerts/routes.js';
import { catalogRoutes } from '../screens/catalog/routes.js';
import { coreRoutes } from '../screens/core-routes.js';
import { purchasingRoutes } from '../screens/purchasing/routes.js';
import { reportsRoutes } from '../screens/reports/routes.js';
import { transfersRoutes } from '../screens/transfers/routes.js';
import type { ScreenRoute } from '../navigation/routes.js';

/** Every screen of the app; the shell builds the sidebar from those with `nav`. */
export const allRoutes: ScreenRoute[] = [...coreRoutes, ...transfersRoutes, ...purchasingRoutes, ...reportsRoutes, ...catalogRoutes, ...adminRoutes, ...alertsRoutes];
