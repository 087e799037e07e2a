/**
 * A real browser for the desk's tests: Debian's chromium (apt-get install chromium; .ci/run
 * installs it when missing) driven by playwright-core, which downloads no browser of its own.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`the desk's browser tests need ${CHROMIUM} (Debian: apt-get install chromium)`);
  // As root (CI, containers) chromium runs only without its sandbox.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Where screenshots go: docs/ when DESK_SCREENSHOTS=1 (to refresh the README's), else a temporary folder. */
export function screenshotPath(name: string): string {
  const dir = process.env.DESK_SCREENSHOTS === '1' ? new URL('../../docs/', import.meta.url).pathname : join(tmpdir(), 'giao-ban-desk');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
