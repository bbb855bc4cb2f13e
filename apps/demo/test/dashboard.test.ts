import { existsSync, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { awayFromWindowEdge } from '@rl-internal/test-redis';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type DemoContext } from '../src/config/context.ts';
import { createExpressApp } from '../src/express/app.ts';
import { listen, type NodeServer } from '../src/node/serve.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../.test-artifacts/', import.meta.url));

const limitedOf = (route: string) => `tr[data-route="${route}"] td.limited`;

describe('the dashboard in Chromium', () => {
  let demo: DemoContext;
  let http: NodeServer;
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium); the dashboard test drives it with playwright-core.`,
      );
    }
    demo = await createDemoContext('express', { SKIP_REDIS_WARNING: 'true' }, { logger: false });
    http = await listen(createExpressApp(demo), 0, '127.0.0.1');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    http?.server.closeAllConnections();
    http?.server.close();
    await demo?.close();
  });

  it('shows the store and health, fires a burst, and the limited count and reset countdown appear', async () => {
    // The public preset is a fixed window of a minute: the whole case must fit in one.
    await awayFromWindowEdge(60_000, 15_000);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${http.url}/`);

    await page.waitForSelector(limitedOf('public'));
    expect(await page.textContent('#store-backend')).toBe('memory (this process only)');
    expect(await page.textContent('#health-status')).toBe('ok · HTTP 200');
    expect(await page.textContent(limitedOf('public'))).toBe('0');
    expect(await page.textContent('tr[data-route="public"] td.remaining')).toBe('10 / 10');

    await page.selectOption('#burst-route', 'public');
    await page.fill('#burst-count', '15');
    await page.click('#burst');

    // Wait for the burst to finish, then compare: a wrong count fails with a diff, not a timeout.
    await page.waitForSelector('#burst-result:text("15 sent to public")', { timeout: 15_000 });
    expect(await page.textContent('#burst-result')).toContain('15 sent to public: 10 × 200, 5 × 429');
    await page.waitForFunction(
      (selector) => Number(document.querySelector(selector)?.textContent) >= 5,
      limitedOf('public'),
    );
    expect(await page.textContent('tr[data-route="public"] td.allowed')).toBe('10');
    expect(await page.textContent('tr[data-route="public"] td.remaining')).toBe('0 / 10');
    expect(await page.textContent('tr[data-route="public"] td.countdown')).toMatch(/^\d+ s$/);
    expect(await page.isVisible('#retry')).toBe(true);
    expect(await page.textContent('#retry')).toMatch(/^Limited — retry in \d+ s$/);
    expect(await page.textContent('#recent li.limited')).toMatch(
      /public {2}limited {2}\(public: 0\/10 left, retry in \d+ s\)/,
    );

    mkdirSync(ARTIFACTS, { recursive: true });
    const file = `${ARTIFACTS}dashboard.png`;
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  }, 60_000);
});
