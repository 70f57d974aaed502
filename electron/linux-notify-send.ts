/**
 * Linux backend for the notifier: node-notifier drives notify-send without
 * actions, so a click could never focus the product (DESIGN §7). libnotify ≥ 0.7.9
 * has `--action`: notify-send then waits and prints the clicked action's name,
 * which this backend reports as node-notifier's "activate" response. Where
 * notify-send lacks `--action`, main.ts keeps node-notifier.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { NodeNotifierLike, NodeNotifierOptions } from './notifier.js';

export const OPEN_ACTION = 'default';

export function notifySendSupportsActions(binary = 'notify-send'): boolean {
  const help = spawnSync(binary, ['--help'], { encoding: 'utf8', timeout: 5000 });
  return help.status === 0 && help.stdout.includes('--action');
}

export function notifySendArgs(options: NodeNotifierOptions): string[] {
  const args = [`--action=${OPEN_ACTION}=Open`];
  if (options['app-name']) args.push(`--app-name=${options['app-name']}`);
  if (options.icon) args.push(`--icon=${options.icon}`);
  if (options.urgency) args.push(`--urgency=${options.urgency}`);
  // `--` so a title that starts with "-" is never read as an option.
  args.push('--', options.title, options.message);
  return args;
}

/**
 * The callback fires twice at most: once when the notification was handed to
 * the daemon (response undefined) and, if the person clicks it, with "activate".
 */
export function createNotifySendBackend(binary = 'notify-send'): NodeNotifierLike {
  return {
    notify(options, callback) {
      const child = spawn(binary, notifySendArgs(options), { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let shown = false;
      const report = (error: Error | string | null, response?: string) => callback?.(error, response);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.split('\n').some((line) => line.trim() === OPEN_ACTION)) report(null, 'activate');
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', (error) => report(error));
      child.on('exit', (code) => {
        if (!shown && code !== 0) report(stderr.trim() || `notify-send exited with ${code}`);
      });
      // notify-send only returns once the notification closes; it was shown when
      // the daemon accepted it, which the spawn succeeding stands in for.
      child.once('spawn', () => {
        shown = true;
        report(null);
      });
      return child;
    },
  };
}
