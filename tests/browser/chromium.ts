/**
 * Debian's headless Chromium with the flags this machine needs (see docs/browser-and-tfjs.md).
 * Free of vitest, so that the browser tests' global set-up and the bench scripts can use it.
 */
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--enable-unsafe-swiftshader',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

/** Launches a Chromium of this process's own. */
export function launch(): Promise<Browser> {
  return chromium.launch(LAUNCH_OPTIONS);
}
