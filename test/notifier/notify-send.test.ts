/**
 * The real thing: the notifier module → node-notifier → notify-send → D-Bus
 * → dunst, observed with dbus-monitor. Starts Xvfb + D-Bus + dunst itself
 * when the environment has no notification daemon; skips only when the
 * binaries are missing (CI installs them: scripts/setup-test-env.sh).
 */
import notifierBackend from 'node-notifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier } from '../../electron/notifier.js';
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
