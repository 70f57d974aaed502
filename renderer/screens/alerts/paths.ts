/** Paths of the alerts area (the centre itself is `paths.alerts()` in app/routes.ts). */
export const ALERT_SETTINGS_PATH = '/alerts/settings';
