/**
 * A throwaway desktop session for the real notification test: Xvfb (display
 * picked by Xvfb itself, so parallel runs never clash), a D-Bus session bus
 * from dbus-launch, and dunst as the notification daemon. Reuses the caller's
 * session when it already has a notification daemon (scripts/with-desktop-session.sh).
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const DESKTOP_BINARIES = ['Xvfb', 'dbus-launch', 'dbus-send', 'dbus-monitor', 'dunst', 'notify-send'] as const;

export function missingDesktopBinaries(): string[] {
  return DESKTOP_BINARIES.filter((bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0);
}

export interface DesktopSession {
  env: { DISPLAY: string; DBUS_SESSION_BUS_ADDRESS: string };
  /** Whether this session was started here (and is stopped by stop()). */
  owned: boolean;
  stop(): Promise<void>;
}

export async function hasNotificationDaemon(busAddress: string): Promise<boolean> {
  try {
    const { stdout } = await run(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.Notifications'],
      { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress }, timeout: 5000 },
    );
    return /boolean true/.test(stdout);
  } catch {
    return false;
  }
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function startXvfb(): Promise<{ proc: ChildProcess; display: string }> {
  // -displayfd: Xvfb picks a free display and writes its number to fd 3 once ready.
  const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1024x768x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    (proc.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ proc, display: `:${out.trim()}` });
    });
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${err.trim()}`)));
  });
}

async function kill(proc: ChildProcess | number | null): Promise<void> {
  if (proc === null) return;
  if (typeof proc === 'number') {
    try {
      process.kill(proc, 'SIGTERM');
    } catch {
      /* already gone */
    }
    return;
  }
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  await Promise.race([once(proc, 'exit'), new Promise((r) => setTimeout(r, 2000))]);
}

export async function startDesktopSession(): Promise<DesktopSession> {
  const existing = process.env.DBUS_SESSION_BUS_ADDRESS;
  if (existing && process.env.DISPLAY && (await hasNotificationDaemon(existing))) {
    return { env: { DISPLAY: process.env.DISPLAY, DBUS_SESSION_BUS_ADDRESS: existing }, owned: false, stop: async () => {} };
  }

  let xvfb: ChildProcess | null = null;
  let busPid: number | null = null;
  let dunst: ChildProcess | null = null;
  const stop = async () => {
    await kill(dunst);
    await kill(busPid);
    await kill(xvfb);
  };
  try {
    const x = await startXvfb();
    xvfb = x.proc;
    const { stdout } = await run('dbus-launch', ['--sh-syntax'], { env: { ...process.env, DISPLAY: x.display }, timeout: 10_000 });
    const address = /DBUS_SESSION_BUS_ADDRESS='([^']+)'/.exec(stdout)?.[1];
    const pid = /DBUS_SESSION_BUS_PID=(\d+)/.exec(stdout)?.[1];
    if (!address || !pid) throw new Error(`dbus-launch printed no session: ${stdout}`);
    busPid = Number(pid);
    const env = { DISPLAY: x.display, DBUS_SESSION_BUS_ADDRESS: address };
    dunst = spawn('dunst', [], { env: { ...process.env, ...env }, stdio: 'ignore' });
    await waitFor(() => hasNotificationDaemon(address), 'dunst to own org.freedesktop.Notifications');
    return { env, owned: true, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface NotifyCall {
  appName: string;
  summary: string;
  body: string;
}

/**
 * The Notify method calls in dbus-monitor's text output. The first top-level
 * arguments are app_name, replaces_id, app_icon, summary, body.
 */
export function parseNotifyCalls(monitorOutput: string): NotifyCall[] {
  const calls: NotifyCall[] = [];
  const blocks = monitorOutput.split(/\n(?=\S)/);
  for (const block of blocks) {
    if (!/^method call .*interface=org\.freedesktop\.Notifications; member=Notify\b/.test(block)) continue;
    const args: string[] = [];
    for (const line of block.split('\n').slice(1)) {
      const m = /^ {3}(\S+) (.*)$/.exec(line); // top-level arguments are indented by exactly 3 spaces
      if (m) args.push(m[1] === 'string' ? m[2]!.replace(/^"|"$/g, '') : m[2]!);
    }
    if (args.length >= 5) calls.push({ appName: args[0]!, summary: args[3]!, body: args[4]! });
  }
  return calls;
}

/** dbus-monitor on the session bus, watching Notify calls only; resolves once it listens. */
export async function startNotifyMonitor(busAddress: string): Promise<{ output(): string; stop(): Promise<void> }> {
  const proc = spawn('dbus-monitor', ['--session', "interface='org.freedesktop.Notifications',member='Notify'"], {
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  proc.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  // The bus greets every new connection with NameAcquired: from then on the match rule is active.
  await waitFor(async () => text.includes('NameAcquired'), 'dbus-monitor to connect', 5000);
  return { output: () => text, stop: () => kill(proc) };
}
