/**
 * The real thing: the notifier module → node-notifier → notify-send → D-Bus
 * → dunst, observed with dbus-monitor. Starts Xvfb + D-Bus + dunst itself
 * when the environment has no notification daemon; skips only when the
 * binaries are missing (CI installs them: scripts/setup-test-env.sh).
 */
import notifierBackend from 'node-notifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createNotifySendBackend, notifySendSupportsActions } from '../../electron/linux-notify-send.js';
import { createNotifier, type NotifyTarget } from '../../electron/notifier.js';
import { missingDesktopBinaries, parseNotifyCalls, startDesktopSession, startNotifyMonitor, type DesktopSession } from './desktop-session.js';

const missing = process.platform === 'linux' ? missingDesktopBinaries() : ['linux'];
if (missing.length) console.log(`notify-send test skipped: missing ${missing.join(', ')} (install xvfb dbus-x11 dunst libnotify-bin)`);

describe.skipIf(missing.length > 0)('native notification through notify-send', () => {
  let session: DesktopSession;
  const savedEnv = { DISPLAY: process.env.DISPLAY, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS };

  beforeAll(async () => {
    session = await startDesktopSession();
    // node-notifier runs notify-send with this process's environment.
    Object.assign(process.env, session.env);
  }, 30_000);

  afterAll(async () => {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await session?.stop();
  });

  it('calls org.freedesktop.Notifications.Notify with the title and body', async () => {
    const monitor = await startNotifyMonitor(session.env.DBUS_SESSION_BUS_ADDRESS);
    try {
      const notifier = createNotifier({
        backend: notifierBackend,
        platform: 'linux',
        appName: 'Stockroom',
        appId: 'com.stockroom.app',
        onClick: () => {},
      });
      const stamp = `#${process.pid}-${Date.now()}`; // tells our call apart on a shared session bus
      const title = `Espresso beans — 3 left at Main St ${stamp}`;
      const body = 'Reorder at 10 · critical at 3';
      await notifier.notify({ title, body, productId: 'beans', storeId: 'main' });

      const deadline = Date.now() + 10_000;
      let calls = parseNotifyCalls(monitor.output()).filter((c) => c.summary === title);
      while (calls.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        calls = parseNotifyCalls(monitor.output()).filter((c) => c.summary === title);
      }
      console.log(`dbus-monitor saw: ${JSON.stringify(calls)}`);
      expect(calls).toEqual([{ appName: 'Stockroom', summary: title, body }]);
    } finally {
      await monitor.stop();
    }
  }, 30_000);

  it.skipIf(!notifySendSupportsActions())('reports a click on the notification so the app can open the product', async () => {
    const monitor = await startNotifyMonitor(session.env.DBUS_SESSION_BUS_ADDRESS);
    const clicked: NotifyTarget[] = [];
    const dunstctl = (...args: string[]) => promisify(execFile)('dunstctl', args, { env: { ...process.env, ...session.env } });
    await dunstctl('close-all'); // so our notification is the one at position 0
    try {
      const notifier = createNotifier({
        backend: createNotifySendBackend(),
        platform: 'linux',
        appName: 'Stockroom',
        appId: 'com.stockroom.app',
        onClick: (target) => clicked.push(target),
      });
      const title = `Milk — out at Main St #${process.pid}-${Date.now()}`;
      await notifier.notify({ title, body: 'Reorder at 6', productId: 'milk', storeId: 'main' });
      const deadline = Date.now() + 10_000;
      while (!parseNotifyCalls(monitor.output()).some((c) => c.summary === title) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(parseNotifyCalls(monitor.output()).filter((c) => c.summary === title)).toHaveLength(1);
      expect(clicked).toEqual([]);
      // What a person's click does: dunst invokes the notification's default action.
      await dunstctl('action', '0');
      while (clicked.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(clicked).toEqual([{ productId: 'milk', storeId: 'main' }]);
    } finally {
      await monitor.stop();
    }
  }, 30_000);

  it('parses dbus-monitor output, ignoring nested hint strings', () => {
    const sample = [
      'method call time=1.2 sender=:1.2 -> destination=:1.0 serial=9 path=/org/freedesktop/Notifications; interface=org.freedesktop.Notifications; member=Notify',
      '   string "App"',
      '   uint32 0',
      '   string ""',
      '   string "Title"',
      '   string "Body"',
      '   array [',
      '   ]',
      '   array [',
      '      dict entry(',
      '         string "urgency"',
      '      )',
      '   ]',
      '   int32 -1',
      'signal time=2 sender=org.freedesktop.DBus -> destination=:1.1 serial=2; member=NameAcquired',
      '   string ":1.1"',
    ].join('\n');
    expect(parseNotifyCalls(sample)).toEqual([{ appName: 'App', summary: 'Title', body: 'Body' }]);
  });
});
