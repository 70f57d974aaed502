import { paths, type ScreenRoute } from '../../navigation/routes.js';
import { AlertCentreScreen } from './alert-centre-screen.js';
import { AlertSettingsScreen } from './alert-settings-screen.js';

/** Screens of the alerts area, registered in renderer/app/screens.ts. */
export const alertsRoutes: ScreenRoute[] = [
  { id: 'alerts', path: '/alerts', titleKey: 'alerts.nav', component: AlertCentreScreen, nav: { order: 200, hotkey: 'Alt+8', icon: '⚑' }, badge: 'alerts' },
  { id: 'alert-settings', path: paths.alertSettings(), titleKey: 'alerts.settings.title', component: AlertSettingsScreen },
];
