import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, which the root pretest script (scripts/setup-test-deps.mjs) installs. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags every browser test wants: headless, no sandbox (containers), nothing phoning home. */
export const QUIET_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A headless Chromium with one tab whose console lines (and page errors) are collected in `logs`. */
export interface ChromiumTab {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly logs: string[];
  /** Closes the browser and removes its temporary profile. */
  close(): Promise<void>;
}

/**
 * Starts Debian's Chromium headless with a fresh temporary profile and {@link QUIET_FLAGS} plus `flags`.
 * @throws Error naming the missing executable when Chromium is not installed
 * @example
 * ```ts
 * const tab = await openChromium(['--disable-gpu']);
 * try { await tab.page.goto(server.url); } finally { await tab.close(); }
 * ```
 */
export async function openChromium(flags: readonly string[] = []): Promise<ChromiumTab> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  const profile = mkdtempSync(join(tmpdir(), 'tessera-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...QUIET_FLAGS, ...flags],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  page.on('pageerror', (error) => logs.push(`page error: ${error.message}`));
  page.on('worker', (worker) => {
    logs.push(`worker started: ${worker.url()}`);
    worker.on('console', (message) => logs.push(`worker: ${message.text()}`));
  });
  return {
    page,
    context,
    logs,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
