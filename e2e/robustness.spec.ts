// Untrusted input end to end (issue 7): malformed files beside a good pair, profiles whose names are
// HTML/JS payloads, malformed links, the page's Content-Security-Policy, a reload that restores the
// view from local storage (also mid-decode), decode and compute workers that die, sanitized download names.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import zlib, { deflateRawSync } from 'node:zlib';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { loadFiles, openTab, repoRoot, waitForDecoded, waitForView } from './loadFiles.ts';

const BASE = 'timer-leak/heap_1.pb.gz';
const TARGET = 'timer-leak/heap_3.pb.gz';
const FRAMES = '[data-testid=flamegraph] [data-testid=frame]';
const malformed = (name: string) => path.join(repoRoot, 'testdata/malformed', name);
const malicious = (name: string) => path.join(repoRoot, 'testdata/malicious', name);

/** One gzip stream of `total` zero bytes, made without holding them in memory. */
async function gzipOfZeros(total: number): Promise<Buffer> {
  const gzip = zlib.createGzip({ level: 1 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const ended = once(gzip, 'end');
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  for (let written = 0; written < total; written += chunk.length) {
    if (!gzip.write(written + chunk.length <= total ? chunk : chunk.subarray(0, total - written))) await once(gzip, 'drain');
  }
  gzip.end();
  await ended;
  return Buffer.concat(out);
}

/** Guards every page of a test: uncaught page errors and dialogs fail it; CSP violations are recorded. */
async function guard(context: BrowserContext): Promise<{ dialogs: string[] }> {
  const dialogs: string[] = [];
  context.on('page', (page) => watchPage(page, dialogs));
  // An init script runs before the page's own scripts and is not subject to its CSP.
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: { directive: string; blocked: string }[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
  return { dialogs };
}

function watchPage(page: Page, dialogs: string[]): void {
  page.on('pageerror', (e) => {
    throw e;
  });
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
}

const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: { directive: string; blocked: string }[] }).__csp);

async function expectPairDiffed(page: Page): Promise<void> {
  await expect(page.locator('[data-testid=profile-chip][data-role=base]')).toHaveAttribute('data-file', 'heap_1.pb.gz');
  await expect(page.locator('[data-testid=profile-chip][data-role=target]')).toHaveAttribute('data-file', 'heap_3.pb.gz');
  await waitForView(page);
  await expect(page.locator(FRAMES).first()).toBeVisible();
  await expect(page.locator(`${FRAMES}[data-name="time.NewTimer"]`).first()).toBeVisible();
  await openTab(page, 'top');
  await expect(page.locator('[data-testid=top-row]').first()).toBeVisible();
  await expect(page.locator('[data-testid=top-row][data-function="time.NewTimer"]')).toHaveCount(1);
}

test.describe('bad files', () => {
  const cases: { file: string; problem: RegExp }[] = [
    { file: 'empty.pb.gz', problem: /empty/i },
    { file: 'truncated.pb.gz', problem: /gzip stream ended early.*truncated/i },
    { file: 'garbage.gz', problem: /byte \d+/ },
    { file: 'truncated.pb', problem: /truncated or corrupt/i },
    { file: 'badline_heap.txt', problem: /line 14\b/ },
  ];
  for (const { file, problem } of cases) {
    test(`${file} shows its error and the good pair loaded beside it is still diffed`, async ({ page, context }) => {
      const { dialogs } = await guard(context);
      watchPage(page, dialogs);
      await page.goto('/');
      await loadFiles(page, [BASE, malformed(file), TARGET]);
      const chip = page.locator(`[data-testid=profile-chip][data-file="${file}"]`);
      await expect(chip).toHaveAttribute('data-status', 'error');
      const error = chip.getByTestId('error');
      await expect(error).toBeVisible();
      await expect(error).toContainText(file);
      await expect(error).toContainText(problem);
      await expectPairDiffed(page);
      await expect(page.getByTestId('crash')).toHaveCount(0);
    });
  }

  test('a gzip bomb beside the pair is stopped at the inflate limit with a clear error', async ({ page, context }) => {
    test.setTimeout(120_000);
    const { dialogs } = await guard(context);
    watchPage(page, dialogs);
    // ~700 MB of zeros in ~3 MB of gzip: past the 512 MiB cap of src/profile/limits.ts.
    const bomb = await gzipOfZeros(700_000_000);
    await page.goto('/');
    await loadFiles(page, [BASE, { name: 'bomb.pb.gz', buffer: bomb }, TARGET], { waitForDecode: false });
    const error = page.locator('[data-testid=profile-chip][data-file="bomb.pb.gz"] [data-testid=error]');
    await expect(error).toContainText(/bomb\.pb\.gz: inflates to more than \d+ MiB/, { timeout: 60_000 });
    await expectPairDiffed(page);
    expect(dialogs).toEqual([]);
  });

  test('a bad file loaded after a diff leaves the view as it was', async ({ page, context }) => {
    const { dialogs } = await guard(context);
    watchPage(page, dialogs);
    await page.goto('/');
    await loadFiles(page, [BASE, TARGET]);
    await expectPairDiffed(page);
    const rowsBefore = await page.locator('[data-testid=top-row]').evaluateAll((rs) => rs.slice(0, 10).map((r) => r.textContent));
    const totalsBefore = await page.getByTestId('totals-values').textContent();
    await loadFiles(page, [malformed('truncated.pb.gz')]);
    await expect(page.locator('[data-testid=profile-chip][data-file="truncated.pb.gz"] [data-testid=error]')).toContainText('truncated.pb.gz');
    await expectPairDiffed(page);
    expect(await page.getByTestId('totals-values').textContent()).toBe(totalsBefore);
    expect(await page.locator('[data-testid=top-row]').evaluateAll((rs) => rs.slice(0, 10).map((r) => r.textContent))).toEqual(rowsBefore);
  });
});

// ---------------------------------------------------------------------------------------------------
// Untrusted names

const IMG = '<img src=x onerror=alert(1)>';
const SVG = '"><svg onload=alert(2)>';
const SCRIPT = '<script>alert(4)</script>';
const IFRAME = `javascript:alert(5)//'"><iframe src=javascript:alert(6)>`;

/** Elements that markup injected from names would create, counted in the app's own areas and the whole page. */
async function activeElementCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const tags = ['img', 'svg', 'script', 'iframe', 'object', 'embed', 'foreignObject', 'video', 'audio', 'math', 'base', 'meta', 'link', 'form'];
    const areas = ['flamegraph', 'top-table', 'suspects', 'details', 'flame-tooltip', 'profile-chips', 'breadcrumbs', 'flame-breadcrumbs'];
    const counts: Record<string, number> = {};
    for (const tag of tags) counts[`page ${tag}`] = document.getElementsByTagName(tag).length;
    for (const area of areas) {
      const root = document.querySelector(`[data-testid=${area}]`);
      counts[`${area} present`] = root ? 1 : 0;
      for (const tag of tags) counts[`${area} ${tag}`] = root ? root.getElementsByTagName(tag).length : 0;
    }
    return counts;
  });
}

/** Any element carrying an event-handler attribute or a javascript: link: markup that came from data. */
async function scriptableAttributes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) found.push(`${el.tagName}[${name}]`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) && /^\s*javascript:/i.test(attr.value)) found.push(`${el.tagName}[${name}=${attr.value}]`);
      }
    }
    return found;
  });
}

/** Shows each area that renders names: suspects, top table, then details and the tooltip of a hovered frame. */
async function showEveryArea(page: Page, frameName: string): Promise<void> {
  await openTab(page, 'suspects');
  await expect(page.getByTestId('suspects')).toBeVisible();
  await openTab(page, 'top');
  await expect(page.locator('[data-testid=top-row]').first()).toBeVisible();
  await openTab(page, 'details');
  await page.locator(`${FRAMES}[data-name=${JSON.stringify(frameName)}]`).first().hover();
  await expect(page.getByTestId('flame-tooltip')).toBeVisible();
  await expect(page.locator('[data-testid=details] .details-name')).toHaveText(frameName);
}

test('a profile named with HTML/JS payloads renders as text: no dialog, no element from names, no navigation', async ({ page, context }) => {
  const { dialogs } = await guard(context);
  watchPage(page, dialogs);

  // The same areas, shown for an ordinary diff first: what the app itself draws.
  await page.goto('/');
  await loadFiles(page, [BASE, TARGET]);
  await expectPairDiffed(page);
  await showEveryArea(page, 'time.NewTimer');
  const ordinary = await activeElementCounts(page);

  // Then the payload pair in a fresh page, under file names that are payloads too (title, chips).
  const requests: string[] = [];
  const xssPage = await context.newPage();
  xssPage.on('request', (r) => requests.push(r.url()));
  // The app moves its own fragment with history (same document); anything else is a navigation.
  const visited: string[] = [];
  xssPage.on('framenavigated', (f) => visited.push(f.url()));
  let documentLoads = 0;
  xssPage.on('request', (r) => {
    if (r.isNavigationRequest()) documentLoads++;
  });
  await xssPage.goto('/');
  const origin = new URL(xssPage.url()).origin;
  await xssPage.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const fileBase = `${IMG}.pb.gz`;
  const fileTarget = `${SVG}.pb.gz`;
  await loadFiles(xssPage, [
    { name: fileBase, buffer: fs.readFileSync(malicious('xss_heap.pb.gz')) },
    { name: fileTarget, buffer: fs.readFileSync(malicious('xss_heap_2.pb.gz')) },
  ]);
  await waitForView(xssPage);
  await expect(xssPage.locator(FRAMES).first()).toBeVisible();

  // Names are visible as text in the top table.
  await openTab(xssPage, 'top');
  for (const name of [IMG, SVG, SCRIPT, IFRAME]) {
    await xssPage.getByTestId('top-filter').fill(name);
    const row = xssPage.locator('[data-testid=top-row]').first();
    await expect(row).toHaveAttribute('data-function', name);
    await expect(row).toContainText(name);
    expect(await row.innerText()).toContain(name);
  }
  await xssPage.getByTestId('top-filter').fill('');

  // Hover a payload frame: the tooltip and the details panel show the name (and its javascript: file) as text.
  const payloadFrame = xssPage.locator(`${FRAMES}[data-name=${JSON.stringify(IMG)}]`).first();
  await expect(payloadFrame).toHaveCount(1);
  await payloadFrame.hover();
  const tooltip = xssPage.getByTestId('flame-tooltip');
  await expect(tooltip).toContainText(IMG);
  await expect(tooltip).toContainText('javascript:alert(3)');
  await openTab(xssPage, 'details');
  await payloadFrame.click();
  await xssPage.mouse.move(2, 2);
  await expect(xssPage.locator('[data-testid=details] .details-name')).toHaveText(IMG);
  await expect(xssPage.getByTestId('details')).toContainText('javascript:alert(3)');
  await xssPage.locator('body').press('Escape');

  await showEveryArea(xssPage, IMG);
  const labels = await xssPage.locator('[data-testid=flamegraph] text').allTextContents();
  expect(labels.some((t) => t.includes('<img') || t.includes('<script>') || t.includes('<svg'))).toBe(true);
  await expect(xssPage.getByTestId('profile-chips')).toContainText(fileBase);

  // The title names the pair as plain text.
  const title = await xssPage.title();
  expect(title).toContain(fileBase);
  expect(title).toContain(fileTarget);
  expect(await xssPage.evaluate(() => document.head.querySelectorAll('title').length)).toBe(1);

  // Nothing was created from names, nothing ran, nothing navigated or was fetched from a name.
  const payload = await activeElementCounts(xssPage);
  expect(payload).toEqual(ordinary);
  expect(await scriptableAttributes(xssPage)).toEqual([]);
  await xssPage.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(documentLoads).toBe(1);
  expect(await xssPage.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  expect(visited.filter((u) => !u.startsWith(`${origin}/#`) && u !== `${origin}/`)).toEqual([]);
  expect(xssPage.frames()).toHaveLength(1);
  expect(requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  expect(requests.filter((u) => /\/x$|alert/.test(u))).toEqual([]);
  expect(await cspViolations(xssPage)).toEqual([]);
});

// ---------------------------------------------------------------------------------------------------
// Links

test('malformed links open the app with a notice, not a blank page', async ({ page, context }) => {
  const { dialogs } = await guard(context);
  watchPage(page, dialogs);
  const hash = 'a'.repeat(64);
  const links: { fragment: string; notice: RegExp }[] = [
    { fragment: '#v=999&garbage', notice: /newer Leakscope \(version 999\)/ },
    { fragment: '#v=1&garbage', notice: /unknown parameter "garbage"/ },
    { fragment: '#/?v=abc&p=zzz~1~x.pb.gz', notice: /version "abc" is not a number/ },
    { fragment: '#/?v=1&p=zzz~1~x.pb.gz', notice: /malformed profile reference/ },
    { fragment: '#/nowhere/%E0%A4%A', notice: /Unknown page/ },
    { fragment: '#/patterns/%3Cimg%20src%3Dx%3E', notice: /is not a pattern id/ },
    { fragment: `#/?v=1&p=${hash}~10~a.pb.gz&d=0~${encodeURIComponent('!!not base64!!')}`, notice: /not base64url/ },
    { fragment: `#/?v=1&p=${hash}~10~a.pb.gz&d=0~QUJDRA`, notice: /not valid deflate/ },
  ];
  for (const { fragment, notice } of links) {
    await page.goto('/' + fragment);
    await expect(page.getByTestId('share-notice').filter({ hasText: notice }).first()).toBeVisible();
    await expect(page.locator('#root')).not.toBeEmpty();
    await expect(page.getByTestId('crash')).toHaveCount(0);
    // A new document per link: notices of the previous link must not carry over.
    await page.goto('about:blank');
  }
  expect(dialogs).toEqual([]);
});

test('embedded data that does not match its hash, or inflates past the limit, is refused before use', async ({ page, context }) => {
  const { dialogs } = await guard(context);
  watchPage(page, dialogs);
  const b64url = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const wrongHash = 'b'.repeat(64);
  const real = fs.readFileSync(path.join(repoRoot, '../shared/profiles', BASE));
  await page.goto(`/#/?v=1&p=${wrongHash}~${real.length}~heap_1.pb.gz&d=0~${b64url(deflateRawSync(real))}`);
  await expect(page.getByTestId('share-notice').filter({ hasText: /does not match its hash/ }).first()).toBeVisible();
  await expect(page.locator('[data-testid=profile-chip]')).toHaveCount(0);

  // A deflate bomb: ~300 MB of zeros in ~400 KB of link text; over the inflate cap (src/share/embed.ts).
  const bomb = b64url(deflateRawSync(Buffer.alloc(300 * 1024 * 1024), { level: 9 }));
  expect(bomb.length).toBeLessThan(1_000_000); // a URL Chromium accepts
  await page.goto('about:blank');
  await page.goto(`/#/?v=1&p=${wrongHash}~314572800~bomb.pb.gz&d=0~${bomb}`);
  await expect(page.getByTestId('share-notice').filter({ hasText: /inflates to more than \d+ bytes; refused/ }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-testid=profile-chip]')).toHaveCount(0);
  // Still usable.
  await loadFiles(page, [BASE, TARGET]);
  await expectPairDiffed(page);
  expect(dialogs).toEqual([]);
});

// ---------------------------------------------------------------------------------------------------
// Content-Security-Policy

test('the page runs under its Content-Security-Policy: a diff raises no violation, injected scripts are blocked', async ({ page, context }) => {
  const { dialogs } = await guard(context);
  watchPage(page, dialogs);
  const response = await page.goto('/');
  const html = (await response!.text()) ?? '';
  expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self'/);
  const policy = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  expect(/script-src[^;]*'unsafe-(inline|eval)'/.test(policy ?? '')).toBe(false);

  await loadFiles(page, [BASE, TARGET]);
  await expectPairDiffed(page);
  await page.locator(`${FRAMES}[data-name="time.NewTimer"]`).first().hover();
  await page.getByTestId('search').fill('NewTimer');
  await openTab(page, 'suspects');
  expect(await cspViolations(page)).toEqual([]);

  // Inline, remote and eval'd scripts are all refused.
  await page.route('https://evil.test/**', (r) => r.fulfill({ body: 'window.__remoteRan = true', contentType: 'text/javascript' }));
  const ran = await page.evaluate(async () => {
    const w = window as unknown as Record<string, unknown>;
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true';
    document.body.appendChild(inline);
    const remote = document.createElement('script');
    remote.src = 'https://evil.test/x.js';
    const remoteDone = new Promise((resolve) => {
      remote.onload = resolve;
      remote.onerror = resolve;
    });
    document.body.appendChild(remote);
    await remoteDone;
    let evalRan = false;
    try {
      evalRan = (0, eval)('true') as boolean;
    } catch {
      evalRan = false;
    }
    const handler = document.createElement('div');
    handler.setAttribute('onclick', 'window.__handlerRan = true');
    document.body.appendChild(handler);
    handler.click();
    return { inline: w.__inlineRan === true, remote: w.__remoteRan === true, eval: evalRan, handler: w.__handlerRan === true };
  });
  expect(ran).toEqual({ inline: false, remote: false, eval: false, handler: false });
  const violations = await cspViolations(page);
  expect(violations.map((v) => v.directive)).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr']));
  expect(violations.some((v) => v.blocked.startsWith('https://evil.test/'))).toBe(true);
  expect(dialogs).toEqual([]);
});

// ---------------------------------------------------------------------------------------------------
// Nothing lost

test('after loading two profiles a reload restores the same view from local storage', async ({ page, context }) => {
  const { dialogs } = await guard(context);
  watchPage(page, dialogs);
  await page.goto('/');
  await loadFiles(page, [BASE, TARGET]);
  await expectPairDiffed(page);
  await page.getByTestId('width-new').click();
  await page.getByTestId('search').fill('NewTimer');
  await expect(page).toHaveURL(/[#&]q=NewTimer/);
  const totals = await page.getByTestId('totals-values').textContent();
  const rows = await page.locator('[data-testid=top-row]').evaluateAll((rs) => rs.slice(0, 10).map((r) => r.textContent));
  const frames = await page.locator(FRAMES).count();

  // The files are kept by hash in IndexedDB, not only in memory.
  const stored = await page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    return names;
  });
  expect(stored.length).toBeGreaterThan(0);

  await page.reload();
  await waitForDecoded(page);
  await expect(page.locator('[data-testid=profile-chip]')).toHaveCount(2);
  await expectPairDiffed(page);
  await expect(page.getByTestId('width-new')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('search')).toHaveValue('NewTimer');
  expect(await page.getByTestId('totals-values').textContent()).toBe(totals);
  expect(await page.locator('[data-testid=top-row]').evaluateAll((rs) => rs.slice(0, 10).map((r) => r.textContent))).toEqual(rows);
  expect(await page.locator(FRAMES).count()).toBe(frames);
  expect(dialogs).toEqual([]);
});

// ---------------------------------------------------------------------------------------------------
// A dying worker

test('a decode worker that dies shows an error for its file and the app stays usable', async ({ page, context }) => {
  const { dialogs } = await guard(context);
  watchPage(page, dialogs);
  // Make the real decode worker die: for a file named crash-*, the request it receives is replaced by
  // one its message handler cannot read, so it throws an uncaught exception in the worker — the same
  // signal (an error event on the Worker) as a worker that crashes or runs out of memory mid-decode.
  await context.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const m = message as { type?: string; source?: { kind: string; file?: File; fileName?: string } } | null;
      const name = m?.type === 'decode' ? (m.source?.kind === 'file' ? m.source.file?.name : m.source?.fileName) : undefined;
      if (name?.startsWith('crash-')) return post.call(this, null);
      return (post as (...a: unknown[]) => void).call(this, message, ...rest);
    } as typeof Worker.prototype.postMessage;
  });
  await page.goto('/');
  await loadFiles(page, [{ name: 'crash-heap.pb.gz', buffer: fs.readFileSync(path.join(repoRoot, '../shared/profiles', BASE)) }]);
  const chip = page.locator('[data-testid=profile-chip][data-file="crash-heap.pb.gz"]');
  await expect(chip).toHaveAttribute('data-status', 'error');
  await expect(chip.getByTestId('error')).toContainText('crash-heap.pb.gz');
  await expect(chip.getByTestId('error')).toContainText(/decoder stopped/);
  await expect(page.getByTestId('crash')).toHaveCount(0);

  // The pool replaced the worker: a good pair decodes and diffs, more than once.
  await loadFiles(page, [BASE, TARGET]);
  await expectPairDiffed(page);
  // A second crash while a view is shown leaves that view alone; the same file then loads normally.
  const heap2 = fs.readFileSync(path.join(repoRoot, '../shared/profiles', 'timer-leak/heap_2.pb.gz'));
  await loadFiles(page, [{ name: 'crash-again.pb.gz', buffer: heap2 }]);
  await expect(page.locator('[data-testid=profile-chip][data-file="crash-again.pb.gz"]')).toHaveAttribute('data-status', 'error');
  await expectPairDiffed(page);
  await loadFiles(page, [{ name: 'heap_2.pb.gz', buffer: heap2 }]);
  await expect(page.locator('[data-testid=profile-chip][data-file="heap_2.pb.gz"]')).toHaveAttribute('data-status', 'ready');
  await expect(page.locator(FRAMES).first()).toBeVisible();
  expect(dialogs).toEqual([]);
});

test('a compute worker that dies shows an error, keeps the last view, and the next change computes again', async ({ page, context }) => {
  const { dialogs } = await guard(context);
  watchPage(page, dialogs);
  // The first view request for alloc_objects reaches the real compute worker as a message it cannot
  // read: it throws an uncaught exception, as a worker that crashes or runs out of memory would.
  await context.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    let crashed = false;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const m = message as { type?: string; name?: string; args?: { sampleType?: string } } | null;
      if (!crashed && m?.type === 'task' && m.name === 'view' && m.args?.sampleType === 'alloc_objects') {
        crashed = true;
        return post.call(this, null);
      }
      return (post as (...a: unknown[]) => void).call(this, message, ...rest);
    } as typeof Worker.prototype.postMessage;
  });
  await page.goto('/');
  await loadFiles(page, [BASE, TARGET]);
  await expectPairDiffed(page);
  await page.getByTestId('sample-type').selectOption('alloc_objects');
  await expect(page.getByTestId('compute-error')).toContainText(/computation stopped/);
  await expect(page.getByTestId('crash')).toHaveCount(0);
  await expect(page.locator(FRAMES).first()).toBeVisible();
  // A fresh worker serves the next request.
  await page.getByTestId('sample-type').selectOption('inuse_objects');
  await waitForView(page);
  await expect(page.getByTestId('compute-error')).toHaveCount(0);
  await expect(page.getByTestId('totals-values')).toContainText('inuse_objects');
  await page.getByTestId('sample-type').selectOption('alloc_objects');
  await waitForView(page);
  await expect(page.getByTestId('totals-values')).toContainText('alloc_objects');
  await expect(page.locator(`${FRAMES}[data-name="time.NewTimer"]`).first()).toBeVisible();
  expect(dialogs).toEqual([]);
});

test('a reload while a profile is still decoding loses nothing: both come back and are diffed', async ({ page, context }) => {
  const { dialogs } = await guard(context);
  watchPage(page, dialogs);
  // Until the first reload the target's decode never finishes (its request is never delivered): the
  // tab is closed mid-decode, as after a crash.
  await context.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const m = message as { type?: string; source?: { kind: string; file?: File; fileName?: string } } | null;
      const name = m?.type === 'decode' ? (m.source?.kind === 'file' ? m.source.file?.name : m.source?.fileName) : undefined;
      if (name === 'heap_3.pb.gz' && !sessionStorage.getItem('reloaded')) return;
      return (post as (...a: unknown[]) => void).call(this, message, ...rest);
    } as typeof Worker.prototype.postMessage;
  });
  await page.goto('/');
  await loadFiles(page, [BASE, TARGET], { waitForDecode: false });
  await expect(page.locator('[data-testid=profile-chip][data-file="heap_1.pb.gz"]')).toHaveAttribute('data-status', 'ready');
  await expect(page.locator('[data-testid=profile-chip][data-file="heap_3.pb.gz"]')).toHaveAttribute('data-status', 'loading');
  await expect(page).toHaveURL(/heap_3\.pb\.gz/);
  await page.evaluate(() => sessionStorage.setItem('reloaded', '1'));
  await page.reload();
  await waitForDecoded(page);
  await expectPairDiffed(page);
  expect(dialogs).toEqual([]);
});

test('downloaded profiles are saved under sanitized names, whatever the file was called', async ({ page, context }) => {
  const { dialogs } = await guard(context);
  watchPage(page, dialogs);
  await page.goto('/');
  await loadFiles(page, [
    { name: `${IMG}.pb.gz`, buffer: fs.readFileSync(malicious('xss_heap.pb.gz')) },
    { name: `..\\..${SVG}.pb.gz`, buffer: fs.readFileSync(malicious('xss_heap_2.pb.gz')) },
  ]);
  await waitForView(page);
  await page.getByTestId('share').click();
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.getByTestId('download-profiles').click();
  await expect.poll(() => downloads.length).toBe(2);
  for (const name of downloads) {
    expect(name).toMatch(/^[A-Za-z0-9 _.=()-]+$/);
    expect(name).not.toMatch(/^\.|\.\./);
    expect(name).toMatch(/\.pb\.gz$/);
  }
  expect(dialogs).toEqual([]);
});

test('a link whose view options are hostile (payload search, bad regex, unknown zoom, unknown sample type) still opens the diff', async ({ page, context }) => {
  const { dialogs } = await guard(context);
  watchPage(page, dialogs);
  const b64url = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const refs = [BASE, TARGET].map((rel) => {
    const bytes = fs.readFileSync(path.join(repoRoot, '../shared/profiles', rel));
    return { bytes, hash: crypto.createHash('sha256').update(bytes).digest('hex'), name: path.basename(rel) };
  });
  const q = [
    'v=1',
    ...refs.map((r) => `p=${r.hash}~${r.bytes.length}~${encodeURIComponent(r.name)}`),
    'base=0',
    'target=1',
    'st=no_such_type',
    `q=${encodeURIComponent(IMG)}`,
    `ignore=${encodeURIComponent('(')}`,
    `z=${encodeURIComponent(SCRIPT)}`,
    `z=${encodeURIComponent('main.nowhere')}`,
    ...refs.map((r, i) => `d=${i}~${b64url(deflateRawSync(r.bytes))}`),
  ];
  await page.goto(`/#/?${q.join('&')}`);
  await waitForDecoded(page);
  await expect(page.locator('[data-testid=profile-chip][data-role=target]')).toHaveAttribute('data-file', 'heap_3.pb.gz');
  // The payload search is text in the search box; "(" is not a valid regex: taken as plain text or
  // reported, never thrown.
  await expect(page.getByTestId('search')).toHaveValue(IMG);
  await expect(page.getByTestId('status')).toHaveAttribute('data-computing', 'false', { timeout: 30_000 });
  await expect(page.getByTestId('crash')).toHaveCount(0);
  // Clearing the bad filter gives the diff back.
  const ignore = page.getByLabel('Ignore');
  await ignore.fill('');
  await ignore.press('Enter');
  await expect(page.getByTestId('sample-type')).not.toHaveValue('no_such_type');
  await expectPairDiffed(page);
  expect(await scriptableAttributes(page)).toEqual([]);
  expect(dialogs).toEqual([]);
});

// A filter regex with catastrophic backtracking (typed, or from a link's focus=/ignore=/hide=) never
// finishes in the compute worker; the compute client restarts a worker whose task a newer request has
// superseded for over a second, so clearing the filter computes again.
test('a filter regex with catastrophic backtracking does not wedge the view', async ({ page, context }) => {
  const { dialogs } = await guard(context);
  watchPage(page, dialogs);
  await page.goto('/');
  await loadFiles(page, [BASE, TARGET]);
  await expectPairDiffed(page);
  const focus = page.getByLabel('Focus');
  await focus.fill('^(.*)*Z$');
  await focus.press('Enter');
  await page.waitForTimeout(2000);
  await focus.fill('');
  await focus.press('Enter');
  await expect(page.getByTestId('status')).toHaveAttribute('data-computing', 'false', { timeout: 10_000 });
  await page.getByTestId('sample-type').selectOption('inuse_objects');
  await waitForView(page);
  await expect(page.getByTestId('totals-values')).toContainText('inuse_objects');
  expect(dialogs).toEqual([]);
});
