import type { ScreenRoute } from '../../navigation/routes.js';
import { BusinessScreen } from '../business/business-screen.js';
import { TillUsersScreen } from '../till-users/till-users-screen.js';

/** The owner's business settings and the till users (owner, manager). */
export const adminRoutes: ScreenRoute[] = [
  { id: 'business', path: '/business', titleKey: 'business.nav', component: BusinessScreen, nav: { order: 170, icon: '◆' }, roles: ['owner'] },
  { id: 'till-users', path: '/till-users', titleKey: 'tillUsers.title', component: TillUsersScreen, nav: { order: 185, icon: '☺' }, roles: ['owner', 'manager'] },
];
