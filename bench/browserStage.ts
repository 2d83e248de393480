// The browser stage: headless Chromium (Playwright, Debian's /usr/bin/chromium) loads a profile pair through
// the file input; measures file chosen -> first painted diff flame graph, then zoom, search, sample-type and
// width-mode latencies (trigger -> last flame graph change, painted), main-thread long tasks and JS heap.
// Uses only the UI's test hooks; skips with a note when the UI does not have them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import config from '../playwright.config.ts';

export interface Interaction {
  readonly name: string;
  /** Median of the samples that produced a latency. */
  readonly latencyMs: number | null;
  /** Every measured latency, in order (null: that attempt produced none, see note). */
  readonly samplesMs: readonly (number | null)[];
  readonly note?: string;
}

/** How long the page is open before the files are chosen, as a user takes to pick them. */
const IDLE_BEFORE_FILES_MS = 3000;

/** Each interaction is measured this many times (a type or width switch: there and back each time). */
const ROUNDS = 5;

export interface BrowserPairResult {
  readonly size: string;
  readonly rawBytes: number;
  /** Files chosen a few seconds after the page opened (IDLE_BEFORE_FILES_MS). */
  readonly firstDiffPaintMs: number | null;
  /** Files chosen as soon as the page had loaded. */
  readonly firstDiffPaintAtLoadMs: number | null;
  readonly interactions: Interaction[];
  readonly longTasks: { readonly count: number; readonly maxMs: number; readonly totalMs: number };
  /** performance.memory's used JS heap (typed-array buffers included) after a GC, once the interactions are done. */
  readonly jsHeapMB: number | null;
  /** The same, right after the first diff was drawn and the suspects came. */
  readonly jsHeapAfterLoadMB?: number | null;
  readonly framesDrawn: number;
  readonly note?: string;
}

export interface BrowserStageResult {
  readonly skipped?: string;
  readonly pairs: BrowserPairResult[];
}

const PORT = Number(process.env.BENCH_PORT ?? 4391);
const DIST = 'dist-bench';

// Runs in the page before the app: records when files are chosen, every change to the flame graph, and
// long tasks, so latencies are measured with the page's own clock rather than across the CDP round trip.
// Plain JavaScript in a string: a function would be serialised after the TypeScript loader rewrote it
// (it adds helper calls that do not exist in the page).
const PAGE_PROBE = `(() => {
  const bench = { changeAt: -1, triggerAt: -1, lastFlameChange: -1, longTasks: [] };
  window.__bench = bench;
  document.addEventListener('change', (e) => {
    if (e.target && e.target.matches && e.target.matches('[data-testid=file-input]')) bench.changeAt = performance.now();
  }, true);
  for (const type of ['click', 'input', 'change', 'keydown']) {
    document.addEventListener(type, () => { bench.triggerAt = performance.now(); }, true);
  }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const inFlame = (n) => {
    const el = n instanceof Element ? n : n && n.parentElement;
    return !!el && (el.closest('[data-testid=flamegraph]') !== null || el.querySelector('[data-testid=flamegraph]') !== null);
  };
  // One observer on the whole document: the app may create and replace the flame graph's element.
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (inFlame(m.target) || Array.from(m.addedNodes).some(inFlame)) {
        // The change is painted in the next frame.
        requestAnimationFrame(() => { bench.lastFlameChange = performance.now(); });
        return;
      }
    }
  });
  const start = () => observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  if (document.documentElement) start();
  else document.addEventListener('readystatechange', start, { once: true });
})();`;

function buildApp(repoRoot: string, log: (s: string) => void): string | null {
  log(`browser: building the app into ${DIST}/ …`);
  const r = spawnSync('npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir'], { cwd: repoRoot, encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) return `vite build failed: ${(r.stderr || r.stdout).split('\n').slice(-8).join(' | ')}`;
  return null;
}

async function startServer(repoRoot: string): Promise<ChildProcess> {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', DIST], {
    cwd: repoRoot,
    stdio: 'ignore',
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/`);
      if (res.ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopServer(server);
  throw new Error(`vite preview did not answer on port ${PORT}`);
}

function stopServer(server: ChildProcess): void {
  // The server was started detached in its own process group: end that group (our own child) only.
  if (server.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/**
 * Waits until the flame graph has been quiet for `quietMs` with nothing computing. With `since` (a trigger
 * time), a change after it must come first (a debounced search changes the graph only later); when none has
 * come `noChangeMs` after the trigger, the wait ends too and the caller reports "did not change".
 */
async function settle(page: Page, quietMs: number, timeoutMs: number, since = -1, noChangeMs = 5000): Promise<void> {
  await page.waitForFunction(
    ({ quietMs, since, noChangeMs }) => {
      const b = (window as unknown as { __bench: { lastFlameChange: number } }).__bench;
      const status = document.querySelector('[data-testid=status]');
      const computing = status?.getAttribute('data-computing') === 'true';
      if (computing) return false;
      const now = performance.now();
      if (since >= 0 && b.lastFlameChange < since) return now - since > noChangeMs;
      return now - b.lastFlameChange > quietMs;
    },
    { quietMs, since, noChangeMs },
    { timeout: timeoutMs, polling: 50 },
  );
}

type Attempt = { readonly latencyMs: number | null; readonly note?: string };

async function attempt(page: Page, act: () => Promise<void>): Promise<Attempt> {
  try {
    await page.evaluate(() => {
      const b = (window as unknown as { __bench: { triggerAt: number } }).__bench;
      b.triggerAt = -1;
    });
    await act();
    const triggered = await page.evaluate(() => (window as unknown as { __bench: { triggerAt: number } }).__bench.triggerAt);
    await settle(page, 1000, 60_000, triggered);
    const { triggerAt, lastFlameChange } = await page.evaluate(
      () => (window as unknown as { __bench: { triggerAt: number; lastFlameChange: number } }).__bench,
    );
    if (triggerAt < 0) return { latencyMs: null, note: 'no trigger event seen' };
    if (lastFlameChange < triggerAt) return { latencyMs: null, note: 'the flame graph did not change' };
    return { latencyMs: lastFlameChange - triggerAt };
  } catch (e) {
    return { latencyMs: null, note: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
}

/**
 * ROUNDS times: `act` (timed as `name`), then `undo` (timed as `undoName` when given, as `name` when null: a
 * switch there and back is two samples of one interaction).
 */
async function measureEach(page: Page, name: string, act: () => Promise<void>, undoName: string | null, undo: () => Promise<void>): Promise<Interaction[]> {
  const forth: Attempt[] = [];
  const back: Attempt[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    forth.push(await attempt(page, act));
    (undoName === null ? forth : back).push(await attempt(page, undo));
  }
  const summary = (label: string, attempts: Attempt[]): Interaction => {
    const measured = attempts.map((a) => a.latencyMs).filter((v): v is number => v !== null).sort((a, b) => a - b);
    const mid = measured.length >> 1;
    const median = measured.length === 0 ? null : measured.length % 2 === 1 ? measured[mid] : (measured[mid - 1] + measured[mid]) / 2;
    const note = attempts.find((a) => a.note)?.note;
    return { name: label, latencyMs: median, samplesMs: attempts.map((a) => a.latencyMs), ...(note ? { note } : {}) };
  };
  return undoName === null ? [summary(name, forth)] : [summary(name, forth), summary(undoName, back)];
}

const SUSPECTS_TIMEOUT_MS = 60_000;

/** The heap the page holds, not the garbage its last interactions left for the collector to take. */
async function heapAfterGc(context: BrowserContext, page: Page): Promise<number | null> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  await cdp.detach().catch(() => undefined);
  const used = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null);
  return used === null ? null : used / 1e6;
}

/** The page as a user finds it after choosing files: how long until the diff was painted. */
async function openAndLoad(
  browser: Browser,
  files: readonly string[],
  waitBeforeMs: number,
): Promise<{ context: BrowserContext; page: Page; firstDiffPaintMs: number | null; note?: string; noInput?: boolean }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript({ content: PAGE_PROBE });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const input = page.locator('input[type=file][data-testid=file-input]');
  if ((await input.count()) === 0) return { context, page, firstDiffPaintMs: null, noInput: true };
  if (waitBeforeMs > 0) await page.waitForTimeout(waitBeforeMs);
  // By path: the browser reads the files itself, as when a user picks them. Given as buffers, Playwright
  // decodes them inside the page, a task of seconds on the main thread that is not the app's.
  await input.setInputFiles(files.map((f) => path.resolve(f)));
  try {
    await page.locator('[data-testid=profile-chip][data-status=ready]').nth(files.length - 1).waitFor({ timeout: 120_000 });
    await page.locator('[data-testid=flamegraph] [data-testid=frame]').first().waitFor({ timeout: 120_000 });
    await settle(page, 500, 120_000);
    const b = await page.evaluate(() => (window as unknown as { __bench: { changeAt: number; lastFlameChange: number } }).__bench);
    // The leak suspects come later and mark frames: let them land before timing interactions, so that
    // neither their computation nor their redraw is counted as part of one. The Suspects tab is not the one
    // open at first, so its pending line is not there to wait on: the lead suspect in the top bar shows when
    // they have landed (every bench pair has one, as a stack leaks in each snapshot).
    const landed = await page
      .waitForFunction(() => document.querySelector('[data-testid=suspects-pending]') === null && document.querySelector('[data-testid=suspect]') !== null, undefined, { timeout: SUSPECTS_TIMEOUT_MS, polling: 100 })
      .then(() => true, () => false);
    await settle(page, 1000, 120_000);
    const note = landed ? undefined : `no lead suspect within ${SUSPECTS_TIMEOUT_MS / 1000} s: interactions timed while the suspects may still be computed`;
    return { context, page, firstDiffPaintMs: b.lastFlameChange - b.changeAt, ...(note ? { note } : {}) };
  } catch (e) {
    return { context, page, firstDiffPaintMs: null, note: `no diff flame graph: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}

async function measurePair(browser: Browser, size: string, files: readonly string[], rawBytes: number): Promise<BrowserPairResult> {
  // Files chosen the moment the page has loaded (workers still starting, code cold): the worst case.
  const atLoad = await openAndLoad(browser, files, 0);
  await atLoad.context.close();
  if (atLoad.noInput) {
    return { size, rawBytes, firstDiffPaintMs: null, firstDiffPaintAtLoadMs: null, interactions: [], longTasks: { count: 0, maxMs: 0, totalMs: 0 }, jsHeapMB: null, framesDrawn: 0, note: 'no file input (data-testid=file-input) on the page' };
  }
  // Files chosen a few seconds after the page opened, as a user picking them does; interactions follow.
  const { context, page, firstDiffPaintMs, note } = await openAndLoad(browser, files, IDLE_BEFORE_FILES_MS);
  const jsHeapAfterLoadMB = firstDiffPaintMs === null ? null : await heapAfterGc(context, page);
  const interactions: Interaction[] = [];
  if (firstDiffPaintMs !== null) {
    const frames = page.locator('[data-testid=flamegraph] [data-testid=frame]');
    // Zoom into the widest frame two levels down (the first drawn frames are the root and its child).
    const zoom = async () => {
      await frames.nth(Math.min(2, (await frames.count()) - 1)).click({ force: true });
    };
    interactions.push(...(await measureEach(page, 'zoom', zoom, 'zoom reset (Esc)', () => page.keyboard.press('Escape'))));
    const search = page.locator('[data-testid=search]');
    interactions.push(...(await measureEach(page, 'search', () => search.fill('Handle'), 'search cleared', () => search.fill(''))));
    const sampleType = page.locator('select[data-testid=sample-type]');
    const firstType = await sampleType.inputValue();
    const switchType = async (to: string) => {
      await sampleType.selectOption(to);
    };
    interactions.push(...(await measureEach(page, 'sample type switch', () => switchType('alloc_space'), null, () => switchType(firstType))));
    const widthNew = page.locator('[data-testid=width-new]');
    const widthDiff = page.locator('[data-testid=width-diff]');
    if ((await widthNew.count()) > 0 && (await widthDiff.count()) > 0) {
      interactions.push(...(await measureEach(page, 'width mode switch', () => widthNew.click(), null, () => widthDiff.click())));
    } else interactions.push({ name: 'width mode switch', latencyMs: null, samplesMs: [], note: 'no [data-testid=width-new] / width-diff controls' });
  }
  const heapMB = await heapAfterGc(context, page);
  const probe = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { longTasks: { start: number; duration: number }[] } }).__bench;
    // Frames too narrow for the SVG are painted on a canvas that counts them.
    const slivers = Number(document.querySelector('[data-testid=flamegraph] [data-testid=flame-slivers]')?.getAttribute('data-frames') ?? 0);
    return { longTasks: b.longTasks, frames: document.querySelectorAll('[data-testid=flamegraph] [data-testid=frame]').length + slivers };
  });
  const durations = probe.longTasks.map((t) => t.duration);
  await context.close();
  return {
    size,
    rawBytes,
    firstDiffPaintMs,
    firstDiffPaintAtLoadMs: atLoad.firstDiffPaintMs,
    interactions,
    longTasks: { count: durations.length, maxMs: durations.length ? Math.max(...durations) : 0, totalMs: durations.reduce((a, b) => a + b, 0) },
    jsHeapMB: heapMB,
    jsHeapAfterLoadMB,
    framesDrawn: probe.frames,
    note,
  };
}

export async function runBrowserStage(
  repoRoot: string,
  pairs: readonly { size: string; files: readonly string[]; rawBytes: number }[],
  log: (s: string) => void,
): Promise<BrowserStageResult> {
  const executablePath = config.use?.launchOptions?.executablePath ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return { skipped: `no Chromium at ${executablePath}`, pairs: [] };
  const uiSources = ['src/ui', 'src/flame'].map((d) => path.join(repoRoot, d));
  if (!uiSources.every((d) => existsSync(d))) return { skipped: 'the UI (src/ui, src/flame) is not there yet', pairs: [] };
  // BENCH_REUSE_BUILD=1 keeps an existing dist-bench/ (for iterating on this stage).
  const reuse = process.env.BENCH_REUSE_BUILD === '1' && existsSync(path.join(repoRoot, DIST, 'index.html'));
  const buildError = reuse ? null : buildApp(repoRoot, log);
  if (buildError) return { skipped: buildError, pairs: [] };
  const server = await startServer(repoRoot);
  const args = [...(config.use?.launchOptions?.args ?? []), '--enable-precise-memory-info'];
  const browser = await chromium.launch({ executablePath, args });
  try {
    const results: BrowserPairResult[] = [];
    for (const pair of pairs) {
      log(`browser: ${pair.size} pair …`);
      results.push(await measurePair(browser, pair.size, pair.files, pair.rawBytes));
    }
    const noHooks = results.find((r) => r.note?.startsWith('no file input'));
    return noHooks ? { skipped: noHooks.note, pairs: [] } : { pairs: results };
  } finally {
    await browser.close();
    stopServer(server);
  }
}
