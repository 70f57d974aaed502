import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (scripts/setup-test-env.sh installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Why the e2e suites may skip: on a developer machine without Chromium they
 * skip, with a warning. In CI a missing Chromium is an error, so a failed
 * install can never turn into a green run that tested no UI.
 */
export const hasChromium = ((present: boolean) => {
  if (present) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing; scripts/setup-test-env.sh installs it`);
  console.warn(`${CHROMIUM} is missing: the end-to-end tests are skipped (scripts/setup-test-env.sh installs it)`);
  return false;
})(existsSync(CHROMIUM));

/** The flags of docs/TEAM-NOTES.md (headless, no sandbox in containers, no background traffic). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
