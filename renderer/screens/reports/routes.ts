import type { ScreenRoute } from '../../navigation/routes.js';
import { SalesReportScreen } from './sales-report-screen.js';
import { ValuationScreen } from './valuation-screen.js';

/** Reports (owners and managers): the nav entry opens sales by day; valuation is one tab away. */
export const reportsRoutes: ScreenRoute[] = [
  { id: 'reports-sales', path: '/reports/sales', titleKey: 'nav.reports', component: SalesReportScreen, nav: { order: 90, icon: '▤' }, roles: ['owner', 'manager'] },
  { id: 'reports-valuation', path: '/reports/valuation', titleKey: 'reports.valuation.title', component: ValuationScreen, roles: ['owner', 'manager'] },
];
