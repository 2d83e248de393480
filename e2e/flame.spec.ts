// The differential flame graph in the app, on real profiles: frames and their deltas against go tool pprof,
// colours by the sign of the change, "+N smaller frames" boxes and the status line, zoom, search, width
// modes, the hover card, HTML-named frames rendered as text, and screenshots of the main view.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadFiles, profilesDir, repoRoot, waitForView } from './loadFiles.ts';

const FRAMES = '[data-testid=flamegraph] [data-testid=frame]';
const BOXES = '[data-testid=flamegraph] [data-testid=merged-frames]';

function exactCum(scenario: string, file: string, fn: string): number {
  const json = JSON.parse(fs.readFileSync(path.join(profilesDir, scenario, 'expected', 'exact', file), 'utf8')) as {
    functions: Record<string, { cum: number }>;
  };
  return json.functions[fn].cum;
}

function rgbOf(fill: string | null): [number, number, number] {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(fill ?? '');
  if (!m) throw new Error(`not an rgb() fill: ${fill}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

async function openPair(page: Page, base: string, target: string): Promise<void> {
  await page.goto('/');
  await loadFiles(page, [base, target]);
  await waitForView(page);
  await expect(page.locator(FRAMES).first()).toBeVisible();
}

/** name, delta and fill of every drawn frame, in one round trip. */
async function drawnFrames(page: Page): Promise<{ name: string; delta: number; fill: string; width: number }[]> {
  return page.locator(FRAMES).evaluateAll((els) =>
    els.map((e) => ({
      name: e.getAttribute('data-name') ?? '',
      delta: Number(e.getAttribute('data-delta')),
      fill: e.getAttribute('fill') ?? '',
      width: Number(e.getAttribute('width')),
    })),
  );
}

function frameNamed(page: Page, name: string): Locator {
  return page.locator(`${FRAMES}[data-name="${name}"]`).first();
}

async function statusCounts(page: Page): Promise<{ drawn: number; merged: number; boxes: number }> {
  const text = (await page.getByTestId('status').textContent()) ?? '';
  const m = /([\d,]+) frames drawn, ([\d,]+) merged into ([\d,]+)/.exec(text);
  if (!m) throw new Error(`status line without frame counts: ${text}`);
  const n = (s: string) => Number(s.replace(/,/g, ''));
  return { drawn: n(m[1]), merged: n(m[2]), boxes: n(m[3]) };
}

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

test('timer-leak: time.NewTimer is drawn red with the delta go tool pprof -diff_base gives', async ({ page }) => {
  await openPair(page, 'timer-leak/heap_1.pb.gz', 'timer-leak/heap_3.pb.gz');
  const frame = frameNamed(page, 'time.NewTimer');
  // One call path reaches time.NewTimer here, so the frame's delta is the function's cum delta.
  await expect(frame).toHaveAttribute('data-delta', String(exactCum('timer-leak', 'diff_inuse_space_1_3.json', 'time.NewTimer')));
  const [r, g, b] = rgbOf(await frame.getAttribute('fill'));
  expect(r).toBeGreaterThan(g + 60);
  expect(r).toBeGreaterThan(b + 60);
  await expect(frame).toBeVisible();
});

test('every drawn frame is red when it grew, blue when it shrank and grey when unchanged', async ({ page }) => {
  await openPair(page, 'cpu/cpu_base.pb.gz', 'cpu/cpu_new.pb.gz');
  const frames = await drawnFrames(page);
  expect(frames.some((f) => f.delta > 0)).toBe(true);
  expect(frames.some((f) => f.delta < 0)).toBe(true);
  for (const f of frames) {
    const [r, g, b] = rgbOf(f.fill);
    const what = `${f.name} (delta ${f.delta}, ${f.fill})`;
    if (f.delta > 0) expect(r > g && r > b, what).toBe(true);
    else if (f.delta < 0) expect(b > r && b > g, what).toBe(true);
    else expect(r === g && g === b, what).toBe(true);
  }
  const sha = frameNamed(page, 'crypto/sha256.block');
  const [r, , b] = rgbOf(await sha.getAttribute('fill'));
  expect(b).toBeGreaterThan(r);
});

/** Frames and merged boxes painted on the sliver canvas (too narrow to be SVG elements). */
async function sliverCounts(page: Page): Promise<{ frames: number; boxes: number }> {
  const canvas = page.locator('[data-testid=flamegraph] [data-testid=flame-slivers]');
  return { frames: Number(await canvas.getAttribute('data-frames')), boxes: Number(await canvas.getAttribute('data-merged-boxes')) };
}

test('frames under a pixel are merged into "+N smaller frames" boxes that the status line counts, again after a resize', async ({ page }) => {
  await openPair(page, 'context-leak/heap_1.pb.gz', 'context-leak/heap_3.pb.gz');
  const check = async () => {
    const status = await statusCounts(page);
    // Every frame and box the status line counts is drawn: as an SVG element, or on the sliver canvas.
    await expect.poll(async () => (await page.locator(FRAMES).count()) + (await sliverCounts(page)).frames).toBe(status.drawn);
    await expect.poll(async () => (await page.locator(BOXES).count()) + (await sliverCounts(page)).boxes).toBe(status.boxes);
    const boxes = await page.locator(BOXES).evaluateAll((els) =>
      els.map((e) => ({ count: Number(e.getAttribute('data-merged-count')), frames: Number(e.getAttribute('data-merged-frames')), width: Number(e.getAttribute('width')) })),
    );
    for (const box of boxes) {
      expect(box.count).toBeGreaterThan(0);
      expect(box.frames).toBeGreaterThanOrEqual(box.count);
      expect(box.width).toBeGreaterThanOrEqual(0.999);
    }
    expect(boxes.reduce((s, b) => s + b.frames, 0)).toBeLessThanOrEqual(status.merged);
    return status;
  };
  const wide = await check();
  expect(wide.boxes).toBeGreaterThan(0);
  const rootWidth = () => page.locator(`${FRAMES}[data-name=root]`).getAttribute('width').then(Number);
  const graphWidth = async () => Math.floor((await page.getByTestId('flamegraph').boundingBox())!.width);
  expect(Math.abs((await rootWidth()) - (await graphWidth()))).toBeLessThanOrEqual(1);
  for (const width of [1200, 700]) {
    await page.setViewportSize({ width, height: 900 });
    // The cut is recomputed for the new width: the root spans the graph again and the counts still agree.
    await expect.poll(async () => Math.abs((await rootWidth()) - (await graphWidth()))).toBeLessThanOrEqual(1);
    await check();
  }
});

test('a click zooms into a frame with breadcrumbs of its path, the view root steps out, Esc resets', async ({ page }) => {
  await openPair(page, 'timer-leak/heap_1.pb.gz', 'timer-leak/heap_3.pb.gz');
  const graph = page.getByTestId('flamegraph');
  const fullWidth = (await graph.boundingBox())!.width;
  await frameNamed(page, 'time.After').click();
  await expect(page.getByTestId('breadcrumbs')).toContainText('time.After');
  await expect(page.getByTestId('breadcrumbs')).toContainText('main.pollLoop');
  const first = page.locator(FRAMES).first();
  await expect(first).toHaveAttribute('data-name', 'time.After');
  expect(Number(await first.getAttribute('width'))).toBeGreaterThan(fullWidth - 2);
  // Clicking the frame at the top of the zoomed view steps one level out.
  await first.click();
  await expect(page.locator(FRAMES).first()).toHaveAttribute('data-name', 'main.pollLoop');
  await page.keyboard.press('Escape');
  await expect(page.locator(FRAMES).first()).toHaveAttribute('data-name', 'root');
  await expect(page.getByTestId('breadcrumbs')).not.toContainText('main.pollLoop');
});

test('frames too narrow for an SVG element are painted on a canvas beneath it, and hover and click reach them', async ({ page }) => {
  await openPair(page, 'context-leak/heap_1.pb.gz', 'context-leak/heap_3.pb.gz');
  // In these small profiles the slivers are "+N smaller" boxes; frames and boxes take the same path.
  const slivers = await sliverCounts(page);
  expect(slivers.frames + slivers.boxes).toBeGreaterThan(0);
  // A painted canvas pixel with no SVG frame above it is a sliver.
  const point = await page.getByTestId('flame-slivers').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const box = canvas.getBoundingClientRect();
    const scale = canvas.width / box.width;
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    // From the third row: a merged box in the second would zoom to the root, which is no zoom at all.
    for (let y = 45; y < box.height; y += 18) {
      for (let x = 0.5; x < box.width; x += 1) {
        const i = (Math.floor(y * scale) * canvas.width + Math.floor(x * scale)) * 4;
        if (pixels[i + 3] < 64) continue;
        if (document.elementFromPoint(box.left + x, box.top + y)?.tagName !== 'svg') continue;
        return { x: box.left + x, y: box.top + y };
      }
    }
    return null;
  });
  expect(point).not.toBeNull();
  await page.mouse.move(point!.x, point!.y);
  const card = page.getByTestId('flame-tooltip');
  await expect(card).toBeVisible();
  await expect(card).toContainText('→');
  const name = (await card.locator('.flame-tooltip-name').textContent()) ?? '';
  expect(name).not.toBe('');
  await page.mouse.click(point!.x, point!.y);
  // A sliver zooms like any frame, a merged box to its parent: the view is re-rooted below the root.
  await expect(page.getByTestId('flamegraph')).not.toHaveAttribute('data-zoom', '');
  await expect(page.locator(FRAMES).first()).not.toHaveAttribute('data-name', 'root');
  if (!name.startsWith('+')) await expect(page.locator(FRAMES).first()).toHaveAttribute('data-name', name);
});

test('search highlights Go names such as glob..func and (* and dims the rest', async ({ page }) => {
  await openPair(page, 'syncpool-escape/heap_1.pb.gz', 'syncpool-escape/heap_3.pb.gz');
  const search = page.getByTestId('search');
  for (const query of ['glob..func', '(*']) {
    await search.fill(query);
    const matched = page.locator('[data-testid=flamegraph] g.is-match > [data-testid=frame]');
    const matchedNames = () => matched.evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
    await expect.poll(async () => {
      const names = await matchedNames();
      return names.length > 0 && names.every((n) => n.toLowerCase().includes(query.toLowerCase()));
    }).toBe(true);
    expect(await page.locator('[data-testid=flamegraph] g.is-dimmed').count()).toBeGreaterThan(0);
    await expect(page.getByTestId('search-totals')).toBeVisible();
  }
  await search.fill('');
  await expect(page.locator('[data-testid=flamegraph] g.is-match')).toHaveCount(0);
  await expect(page.locator('[data-testid=flamegraph] g.is-dimmed')).toHaveCount(0);
});

test('width modes: base only drops frames new in the target, target only keeps them', async ({ page }) => {
  await openPair(page, 'cpu/cpu_base.pb.gz', 'cpu/cpu_new.pb.gz');
  const graph = page.getByTestId('flamegraph');
  await page.getByTestId('width-base').click();
  await expect(graph).toHaveAttribute('data-width-mode', 'base');
  await expect(page.locator(`${FRAMES}[data-new-frame=true]`)).toHaveCount(0);
  await page.getByTestId('width-new').click();
  await expect(graph).toHaveAttribute('data-width-mode', 'new');
  await expect(frameNamed(page, 'main.compressWork')).toBeVisible();
  await page.getByTestId('width-diff').click();
  await expect(graph).toHaveAttribute('data-width-mode', 'diff');
  await expect(frameNamed(page, 'main.hashWork')).toBeVisible();
});

test('hovering a frame shows function, file:line, base → new, delta and share of total', async ({ page }) => {
  await openPair(page, 'timer-leak/heap_1.pb.gz', 'timer-leak/heap_3.pb.gz');
  await frameNamed(page, 'time.NewTimer').hover();
  const card = page.getByTestId('flame-tooltip');
  await expect(card).toBeVisible();
  await expect(card).toContainText('time.NewTimer');
  await expect(card).toContainText(/time\/sleep\.go:\d+/);
  await expect(card).toContainText('→');
  await expect(card).toContainText('+7.97 MiB');
  await expect(card).toContainText('of new');
  await page.mouse.move(2, 2);
  await expect(card).toHaveCount(0);
});

test('frames named with HTML and script payloads render as text and run nothing', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto('/');
  await loadFiles(page, [path.join(repoRoot, 'testdata/malicious/xss_heap.pb.gz'), path.join(repoRoot, 'testdata/malicious/xss_heap_2.pb.gz')]);
  await waitForView(page);
  const payload = frameNamed(page, '<img src=x onerror=alert(1)>');
  await expect(payload).toHaveCount(1);
  const graph = page.getByTestId('flamegraph');
  await expect(graph.locator('img, iframe, script, foreignObject svg')).toHaveCount(0);
  const labels = await graph.locator('text.flame-label').allTextContents();
  expect(labels.some((t) => t.includes('<img') || t.includes('<script>'))).toBe(true);
  await payload.hover();
  await expect(page.getByTestId('flame-tooltip')).toContainText('<img src=x onerror=alert(1)>');
  await page.waitForTimeout(300);
  expect(dialogs).toBe(0);
});

test('screenshots of the main view: a leak diff, a shrinkage diff, zoomed, searched', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPair(page, 'timer-leak/heap_1.pb.gz', 'timer-leak/heap_3.pb.gz');
  await frameNamed(page, 'time.NewTimer').hover();
  await page.screenshot({ path: testInfo.outputPath('flame-timer-leak-hover.png') });
  await openPair(page, 'cpu/cpu_base.pb.gz', 'cpu/cpu_new.pb.gz');
  await page.mouse.move(2, 2);
  await page.screenshot({ path: testInfo.outputPath('flame-cpu.png') });
  await frameNamed(page, 'main.main').click();
  await page.getByTestId('search').fill('sha256');
  await expect(page.locator('[data-testid=flamegraph] g.is-match').first()).toBeVisible();
  await page.mouse.move(2, 2);
  await page.screenshot({ path: testInfo.outputPath('flame-cpu-zoom-search.png') });
});
