// Sharing a view by link (issue 6) and strict link parsing (issue 7): embedded data in a fresh browser,
// the local store, a verified profiles/ folder, a tampered file, the missing-files prompt, back/forward.
// Every test fails any request that leaves the app's origin.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { loadFiles, profilePath, repoRoot, waitForDecoded } from './loadFiles.ts';

const BASE = 'closure-capture/heap_1.pb.gz';
const TARGET = 'closure-capture/heap_3.pb.gz';
const WRONG = 'map-cache/heap_1.pb.gz';
const SEARCH = 'makeHandler';
const ZOOM_FUNCTION = 'main.makeHandler';

const dist = path.resolve(repoRoot, process.env.E2E_DIST ?? 'dist');
const bytesOf = (rel: string) => fs.readFileSync(profilePath(rel));
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** Waits for the computed view, then shows the top table (the right panel may open on another tab). */
async function waitForView(page: Page): Promise<void> {
  await expect(page.locator('[data-testid=status]')).toHaveAttribute('data-computing', 'false', { timeout: 30_000 });
  await page.getByTestId('tab-top').click();
  await expect(page.locator('[data-testid=top-row]').first()).toBeVisible();
}

/** A context whose every request outside the app's origin fails and is recorded. */
async function guardedContext(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; foreign: string[]; requests: string[] }> {
  const context = await browser.newContext({ baseURL });
  const origin = new URL(baseURL).origin;
  const foreign: string[] = [];
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (new URL(url).origin === origin) return route.continue();
    foreign.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin && !foreign.includes(url)) foreign.push(url);
  });
  return { context, foreign, requests };
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return page;
}

/** Zooms the flame graph into a function through the UI (a top-table row click zooms to it). */
async function zoomInto(page: Page, functionName: string): Promise<void> {
  await page.locator(`[data-testid=top-row][data-function="${functionName}"]`).first().click();
  await expect(page.locator('[data-testid=breadcrumbs] [aria-current=location]')).toHaveText(functionName);
}

/** What the view shows, to compare two browsers: pair, search, zoom path, width mode and top rows. */
async function viewSnapshot(page: Page) {
  await waitForView(page);
  const rows = page.locator('[data-testid=top-row]');
  await expect(rows.first()).toBeVisible();
  const top = await rows.evaluateAll((els) =>
    els.slice(0, 8).map((e) => `${e.getAttribute('data-function')} ${e.getAttribute('data-flat-delta')} ${e.getAttribute('data-cum-delta')}`),
  );
  return {
    base: await page.locator('[data-testid=profile-chip][data-role=base]').getAttribute('data-file'),
    target: await page.locator('[data-testid=profile-chip][data-role=target]').getAttribute('data-file'),
    search: await page.getByTestId('search').inputValue(),
    searchMatched: await page.getByTestId('search-totals').getAttribute('data-match-new'),
    flameZoom: await page.getByTestId('flamegraph').getAttribute('data-zoom'),
    zoom: await page.locator('[data-testid=breadcrumbs] .crumb').allTextContents(),
    top,
  };
}

async function shareLink(page: Page, withData: boolean): Promise<string> {
  await page.getByTestId('share').click();
  const embed = page.getByTestId('share-embed');
  if ((await embed.isChecked()) !== withData) await embed.setChecked(withData);
  await expect(page.getByTestId('share-mode')).toHaveAttribute('data-mode', withData ? 'embedded' : 'hashes');
  await expect(page.getByTestId('share-mode')).toContainText(withData ? /carries the 2 profile\(s\)/ : /names the 2 profile\(s\) by SHA-256/);
  const link = await page.getByTestId('share-url').getAttribute('href');
  expect(link).toBeTruthy();
  return link!;
}

/** Drops in-memory copies of files on an element, as a drag from the desktop would. */
async function dropFiles(page: Page, selector: string, files: readonly { name: string; bytes: Buffer }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((payload) => {
    const dt = new DataTransfer();
    for (const f of payload) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, files.map((f) => ({ name: f.name, b64: f.bytes.toString('base64') })));
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

/** The diff with a search and a zoom, as the person who shares it sets it up. */
async function setUpView(page: Page): Promise<void> {
  await page.goto('/');
  await loadFiles(page, [BASE, TARGET]);
  await waitForView(page);
  await zoomInto(page, ZOOM_FUNCTION);
  await page.getByTestId('search').fill(SEARCH);
  await expect(page).toHaveURL(new RegExp(`[#&]q=${SEARCH}`));
}

test('a link with embedded profiles opens the same diff, zoom and search in a fresh browser', async ({ browser, baseURL }) => {
  const sharer = await guardedContext(browser, baseURL!);
  const page = await newPage(sharer.context);
  await setUpView(page);
  const before = await viewSnapshot(page);
  expect(before.zoom).toEqual(['root', ...before.zoom.slice(1)]);
  expect(before.zoom.at(-1)).toBe(ZOOM_FUNCTION);
  expect(before.flameZoom?.split('\n').at(-1)).toBe(ZOOM_FUNCTION);
  expect(Number(before.searchMatched)).toBeGreaterThan(0);
  const link = await shareLink(page, true);
  expect(link).toContain('&d=0~');

  const recipient = await guardedContext(browser, baseURL!);
  const opened = await newPage(recipient.context);
  await opened.goto(link);
  await waitForDecoded(opened);
  await expect.poll(() => viewSnapshot(opened)).toEqual(before);
  await expect(opened.getByTestId('missing-profiles')).toHaveCount(0);
  // The data came from the link: nothing was fetched from a profile store.
  expect(recipient.requests.filter((u) => u.includes('/profiles/'))).toEqual([]);
  expect([...sharer.foreign, ...recipient.foreign]).toEqual([]);
  await sharer.context.close();
  await recipient.context.close();
});

test('a link without data opens from the local store in the same browser', async ({ browser, baseURL }) => {
  const { context, foreign, requests } = await guardedContext(browser, baseURL!);
  const page = await newPage(context);
  await setUpView(page);
  const before = await viewSnapshot(page);
  const link = await shareLink(page, false);
  expect(link).not.toContain('&d=');
  await page.close();

  const opened = await newPage(context);
  await opened.goto(link);
  await waitForDecoded(opened);
  await expect.poll(() => viewSnapshot(opened)).toEqual(before);
  expect(requests.filter((u) => u.includes('/profiles/'))).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
});

test.describe('a served profiles/ folder', () => {
  // The tests share one folder in the build directory.
  test.describe.configure({ mode: 'serial' });
  const folder = path.join(dist, 'profiles');
  const files = [BASE, TARGET].map((rel) => ({ rel, bytes: bytesOf(rel), hash: sha256(bytesOf(rel)) }));
  let link = '';
  let before: Awaited<ReturnType<typeof viewSnapshot>>;

  test.beforeAll(async ({ browser, baseURL }) => {
    const { context } = await guardedContext(browser, baseURL!);
    const page = await newPage(context);
    await setUpView(page);
    before = await viewSnapshot(page);
    link = await shareLink(page, false);
    await context.close();
  });
  test.afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  test('resolves and verifies the files in a fresh browser', async ({ browser, baseURL }) => {
    fs.mkdirSync(folder, { recursive: true });
    for (const f of files) fs.writeFileSync(path.join(folder, f.hash), f.bytes);
    const { context, foreign, requests } = await guardedContext(browser, baseURL!);
    const page = await newPage(context);
    await page.goto(link);
    await waitForDecoded(page);
    await expect.poll(() => viewSnapshot(page)).toEqual(before);
    expect(requests.filter((u) => u.includes('/profiles/')).map((u) => u.split('/profiles/')[1]).sort()).toEqual(files.map((f) => f.hash).sort());
    await expect(page.getByTestId('integrity-error')).toHaveCount(0);
    expect(foreign).toEqual([]);
    await context.close();
  });

  test('refuses a tampered file with an integrity error and shows nothing from it', async ({ browser, baseURL }) => {
    fs.mkdirSync(folder, { recursive: true });
    const [good, tampered] = files;
    fs.writeFileSync(path.join(folder, good.hash), good.bytes);
    const changed = Buffer.from(tampered.bytes);
    changed[changed.length - 5] ^= 0xff;
    fs.writeFileSync(path.join(folder, tampered.hash), changed);

    const { context, foreign } = await guardedContext(browser, baseURL!);
    const page = await newPage(context);
    await page.goto(link);
    await waitForDecoded(page);
    const error = page.getByTestId('integrity-error');
    await expect(error).toHaveCount(1);
    await expect(error).toContainText(`Integrity error: heap_3.pb.gz (${tampered.hash.slice(0, 12)})`);
    await expect(error).toContainText('does not match its hash');
    // Only the good file was opened; the tampered one is asked for instead.
    await expect(page.locator('[data-testid=profile-chip]')).toHaveCount(1);
    await expect(page.locator('[data-testid=profile-chip]')).toHaveAttribute('data-file', 'heap_1.pb.gz');
    await expect(page.locator('[data-testid=missing-profile]')).toHaveAttribute('data-hash', tampered.hash);
    expect(foreign).toEqual([]);
    await context.close();
  });

  test('a <hash>.pb.gz name is tried too; a host that sends it with Content-Encoding: gzip gets a clear explanation', async ({ browser, baseURL }) => {
    // vite preview (like many servers) sends *.gz with Content-Encoding: gzip, so the browser inflates the
    // file and its hash cannot match: the README says to publish under the bare hash.
    fs.mkdirSync(folder, { recursive: true });
    const [plain, gzName] = files;
    fs.writeFileSync(path.join(folder, plain.hash), plain.bytes);
    fs.writeFileSync(path.join(folder, `${gzName.hash}.pb.gz`), gzName.bytes);
    const { context, foreign, requests } = await guardedContext(browser, baseURL!);
    const page = await newPage(context);
    await page.goto(link);
    await waitForDecoded(page);
    expect(requests).toContain(`${baseURL}/profiles/${gzName.hash}.pb.gz`);
    const error = page.getByTestId('integrity-error');
    await expect(error).toContainText('was sent with Content-Encoding: gzip');
    await expect(error).toContainText('name files by the bare hash');
    await expect(page.locator('[data-testid=profile-chip]')).toHaveCount(1);
    expect(foreign).toEqual([]);
    await context.close();
  });
});

test('without any store, the link lists the files it needs; the right files complete it, a wrong one is refused', async ({ browser, baseURL }) => {
  const sharer = await guardedContext(browser, baseURL!);
  const page = await newPage(sharer.context);
  await setUpView(page);
  const before = await viewSnapshot(page);
  const link = await shareLink(page, false);
  await sharer.context.close();

  const { context, foreign } = await guardedContext(browser, baseURL!);
  const opened = await newPage(context);
  await opened.goto(link);
  const items = opened.locator('[data-testid=missing-profile]');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute('data-hash', sha256(bytesOf(BASE)));
  await expect(items.nth(0)).toContainText('heap_1.pb.gz');
  await expect(items.nth(0)).toContainText(sha256(bytesOf(BASE)).slice(0, 12));
  await expect(items.nth(1)).toHaveAttribute('data-hash', sha256(bytesOf(TARGET)));

  await dropFiles(opened, '[data-testid=missing-profiles]', [{ name: 'impostor.pb.gz', bytes: bytesOf(WRONG) }]);
  await expect(opened.getByTestId('missing-refused')).toContainText('impostor.pb.gz is not one of the files this link needs');
  await expect(items).toHaveCount(2);
  await expect(opened.locator('[data-testid=profile-chip]')).toHaveCount(0);

  await dropFiles(opened, '[data-testid=missing-profiles]', [
    { name: 'heap_1.pb.gz', bytes: bytesOf(BASE) },
    { name: 'heap_3.pb.gz', bytes: bytesOf(TARGET) },
  ]);
  await expect(opened.getByTestId('missing-profiles')).toHaveCount(0);
  await waitForDecoded(opened);
  await expect.poll(() => viewSnapshot(opened)).toEqual(before);
  expect(foreign).toEqual([]);
  await context.close();
});

test('back and forward move between views', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, [BASE, TARGET]);
  await waitForView(page);
  await page.getByTestId('width-base').click();
  await expect(page).toHaveURL(/[#&]width=base/);
  await page.getByTestId('width-new').click();
  await expect(page).toHaveURL(/[#&]width=new/);
  await page.goBack();
  await expect(page.getByTestId('width-base')).toHaveAttribute('aria-pressed', 'true');
  await page.goBack();
  await expect(page.getByTestId('width-diff')).toHaveAttribute('aria-pressed', 'true');
  await page.goForward();
  await expect(page.getByTestId('width-base')).toHaveAttribute('aria-pressed', 'true');
});

test('a malformed link opens the app with a notice (issue 7)', async ({ browser, baseURL }) => {
  const { context, foreign } = await guardedContext(browser, baseURL!);
  const page = await newPage(context);
  await page.goto(`/#/?v=1&colour=red&p=not-a-hash~1~x&width=sideways&store=https%3A%2F%2Fevil.test%2F&d=0~${'A'.repeat(20)}`);
  const notices = page.getByTestId('share-notice');
  await expect(notices.filter({ hasText: 'Ignored unknown parameter "colour".' })).toHaveCount(1);
  await expect(notices.filter({ hasText: 'Ignored a malformed profile reference' })).toHaveCount(1);
  await expect(notices.filter({ hasText: 'Ignored width mode "sideways".' })).toHaveCount(1);
  await expect(notices.filter({ hasText: 'is not on this site; it was not contacted' })).toHaveCount(1);
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  // The app still works: load a pair.
  await loadFiles(page, [BASE, TARGET]);
  await waitForView(page);
  expect(foreign).toEqual([]);
  await context.close();
});

test('recently opened profiles can be reopened and deleted', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, [BASE, TARGET]);
  for (const name of ['heap_1.pb.gz', 'heap_3.pb.gz']) await page.getByRole('button', { name: `Remove ${name}` }).click();
  const recent = page.locator('[data-testid=recent-profile]');
  await expect(recent).toHaveCount(2);
  await expect(recent.nth(0)).toHaveAttribute('data-hash', sha256(bytesOf(TARGET)));

  await recent.nth(1).getByTestId('recent-open').click();
  await waitForDecoded(page);
  await expect(page.locator('[data-testid=profile-chip]')).toHaveAttribute('data-file', 'heap_1.pb.gz');
  await page.getByRole('button', { name: 'Remove heap_1.pb.gz' }).click();

  await recent.filter({ hasText: 'heap_3.pb.gz' }).getByTestId('recent-delete').click();
  await expect(recent).toHaveCount(1);
  await page.reload();
  await expect(recent).toHaveCount(1);
  await expect(recent.first()).toHaveAttribute('data-hash', sha256(bytesOf(BASE)));
});

test('the page policy blocks inline and remote scripts and connections to other sites', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  const result = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const w = window as unknown as { inlineRan?: boolean };
    const inline = document.createElement('script');
    inline.textContent = 'window.inlineRan = true';
    document.head.append(inline);
    const remote = document.createElement('script');
    remote.src = 'https://example.com/x.js';
    document.head.append(remote);
    let fetched = 'not blocked';
    try {
      await fetch('https://example.com/data');
    } catch {
      fetched = 'blocked';
    }
    await new Promise((r) => setTimeout(r, 200));
    return { inlineRan: w.inlineRan === true, fetched, violations };
  });
  expect(result.inlineRan).toBe(false);
  expect(result.fetched).toBe('blocked');
  expect(result.violations).toEqual(
    expect.arrayContaining([expect.stringMatching(/^script-src(-elem)? inline/), expect.stringMatching(/^script-src(-elem)? https:\/\/example\.com\/x\.js/), expect.stringMatching(/^connect-src https:\/\/example\.com\/data/)]),
  );
});

test('a pattern page is part of the view: a plain #/patterns/<id> link opens it over the diff, Back closes it', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, [BASE, TARGET]);
  await waitForView(page);
  const viewUrl = page.url();
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '#/patterns/timer-leak';
    a.textContent = 'timer leak';
    document.body.append(a);
    a.click();
  });
  await expect(page.locator('[data-testid=pattern-page][data-pattern=timer-leak]')).toBeVisible();
  // The link's bare route became the full view address, so a reload or a share keeps the diff too.
  await expect(page).toHaveURL(/#\/patterns\/timer-leak\?v=1&p=[0-9a-f]{64}~/);
  await page.goBack();
  await expect(page.locator('[data-testid=pattern-page]')).toHaveCount(0);
  expect(page.url()).toBe(viewUrl);
  await expect(page.locator('[data-testid=profile-chip]')).toHaveCount(2);
});
