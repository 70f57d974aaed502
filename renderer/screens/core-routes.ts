import type { ScreenRoute } from '../navigation/routes.js';
import { AdjustScreen } from './adjust/adjust-screen.js';
import { CountScreen } from './count/count-screen.js';
import { CounterScreen } from './counter/counter-screen.js';
import { ExceptionsScreen } from './exceptions/exceptions-screen.js';
import { JournalScreen } from './journal/journal-screen.js';
import { ReceiveScreen } from './receive/receive-screen.js';
import { DeviceScreen } from './settings/device-screen.js';

/** Core counter screens. Hotkeys are Alt+digit (F-keys are taken by the ticket). */
export const coreRoutes: ScreenRoute[] = [
  { id: 'counter', path: '/counter', titleKey: 'nav.counter', component: CounterScreen, nav: { order: 10, hotkey: 'Alt+1', icon: '⌂' } },
  { id: 'receive', path: '/receive', titleKey: 'nav.receive', component: ReceiveScreen, nav: { order: 20, hotkey: 'Alt+2', icon: '⇣' } },
  { id: 'adjust', path: '/adjust', titleKey: 'nav.adjust', component: AdjustScreen, nav: { order: 30, hotkey: 'Alt+3', icon: '±' } },
  { id: 'count', path: '/count', titleKey: 'nav.count', component: CountScreen, nav: { order: 40, hotkey: 'Alt+4', icon: '#' } },
  { id: 'exceptions', path: '/exceptions', titleKey: 'nav.exceptions', component: ExceptionsScreen, nav: { order: 50, hotkey: 'Alt+5', icon: '⚠' }, badge: 'exceptions' },
  { id: 'journal', path: '/journal', titleKey: 'nav.journal', component: JournalScreen, nav: { order: 55, hotkey: 'Alt+9', icon: '☰' } },
  { id: 'settings', path: '/settings', titleKey: 'nav.settings', component: DeviceScreen, nav: { order: 900, hotkey: 'Alt+0', icon: '⚙' } },
];
