// Offline use (issue 6): after one visit the service worker serves the app with the network gone, and
// the single self-contained dist/leakscope.html decodes, diffs and shares from file:// under its CSP.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { loadFiles, repoRoot, waitForDecoded } from './loadFiles.ts';

const BASE = 'timer-leak/heap_1.pb.gz';
const TARGET = 'timer-leak/heap_3.pb.gz';
const dist = path.resolve(repoRoot, process.env.E2E_DIST ?? 'dist');
const singleFile = path.join(dist, 'leakscope.html');

/** Waits for the computed view, then shows the top table (the right panel may open on another tab). */
async function waitForView(page: Page): Promise<void> {
  await expect(page.locator('[data-testid=status]')).toHaveAttribute('data-computing', 'false', { timeout: 30_000 });
  await page.getByTestId('tab-top').click();
  await expect(page.locator('[data-testid=top-row]').first()).toBeVisible();
}

/** Console errors include CSP violations ("Refused to execute inline script…"). */
function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The browser's own favicon.ico probe fails offline (and 404s online): not the app's request.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) problems.push(`console: ${m.text()} ${m.location().url}`);
  });
  return problems;
}

test('after one visit the app reloads and diffs with the network off', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    foreign.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const problems = collectProblems(page);
  await page.goto('/');
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  // The worker has installed its cache and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    }
  });

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  // Decode and compute workers come from the cache too.
  await loadFiles(page, [BASE, TARGET]);
  await waitForView(page);
  await expect(page.locator('[data-testid=profile-chip][data-role=target]')).toHaveAttribute('data-file', 'heap_3.pb.gz');
  await expect(page.locator('[data-testid=top-row]').first()).toBeVisible();

  // A reload with the network still off restores the view from the URL and the local store.
  await expect(page).toHaveURL(/#\/\?v=1&p=/);
  await page.reload();
  await waitForDecoded(page);
  await waitForView(page);
  await expect(page.locator('[data-testid=profile-chip][data-role=base]')).toHaveAttribute('data-file', 'heap_1.pb.gz');
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

test.describe('the single-file build from file://', () => {
  test.beforeAll(() => {
    // `npm run build` writes it; a plain `vite build` (as test:e2e may run) does not, and would leave
    // an older one beside the new index.html.
    const stale = !fs.existsSync(singleFile) || fs.statSync(singleFile).mtimeMs < fs.statSync(path.join(dist, 'index.html')).mtimeMs;
    if (stale) {
      execFileSync('npx', ['vite', 'build', '-c', 'vite.singlefile.config.ts', '--outDir', dist], { cwd: repoRoot, stdio: 'inherit' });
    }
  });

  test('decodes, renders a diff and shares a link with the data in it', async ({ browser }) => {
    const html = fs.readFileSync(singleFile, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);

    const context = await browser.newContext();
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(pathToFileURL(singleFile).href);
    await expect(page.getByTestId('drop-zone')).toBeVisible();
    await loadFiles(page, [BASE, TARGET]);
    await waitForView(page);
    await expect(page.locator('[data-testid=profile-chip][data-role=base]')).toHaveAttribute('data-file', 'heap_1.pb.gz');
    await expect(page.locator('[data-testid=profile-chip][data-role=target]')).toHaveAttribute('data-file', 'heap_3.pb.gz');
    await expect(page.locator('[data-testid=flamegraph]')).toBeVisible();

    await page.getByTestId('share').click();
    await page.getByTestId('share-embed').check();
    await expect(page.getByTestId('share-mode')).toHaveAttribute('data-mode', 'embedded');
    const link = (await page.getByTestId('share-url').getAttribute('href'))!;
    expect(link.startsWith(pathToFileURL(singleFile).href)).toBe(true);
    const top = await page.locator('[data-testid=top-row]').first().getAttribute('data-function');

    const fresh = await browser.newContext();
    const opened = await fresh.newPage();
    const openedProblems = collectProblems(opened);
    await opened.goto(link);
    await waitForDecoded(opened);
    await waitForView(opened);
    await expect(opened.locator('[data-testid=profile-chip][data-role=target]')).toHaveAttribute('data-file', 'heap_3.pb.gz');
    await expect(opened.locator('[data-testid=top-row]').first()).toHaveAttribute('data-function', top!);
    // IndexedDB works from file:// too: no storage notice, and after a reload (the link in the address
    // bar no longer carries the data) the view comes back from the local store.
    await expect(page.getByTestId('share-notice')).toHaveCount(0);
    await expect(opened.getByTestId('share-notice')).toHaveCount(0);
    await expect(opened).not.toHaveURL(/&d=/);
    await opened.reload();
    await waitForDecoded(opened);
    await waitForView(opened);
    await expect(opened.locator('[data-testid=profile-chip][data-role=target]')).toHaveAttribute('data-file', 'heap_3.pb.gz');
    await expect(opened.getByTestId('missing-profiles')).toHaveCount(0);

    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(problems).toEqual([]);
    expect(openedProblems).toEqual([]);
    await context.close();
    await fresh.close();
  });
});
