// Snapshots over time in the app: the timeline of 3 heap snapshots (totals, base/target picking),
// the Trend tab and sparklines, the Goroutines tab (protobuf and debug=2, with the heap
// cross-reference) and the MemStats tab (numbers equal to those written in the text profiles).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { loadFiles, openTab, profilesDir, repoRoot, waitForView } from './loadFiles.ts';

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

async function start(page: Page, files: readonly string[]): Promise<void> {
  await page.goto('/');
  await loadFiles(page, files);
  await waitForView(page);
}

/** A `# Name = value` line of a text heap profile (Stack is written `# Stack = inuse / sys`). */
function memStat(file: string, stat: string): number {
  const name = stat === 'StackInuse' ? 'Stack' : stat;
  const m = new RegExp(`^# ${name} = (\\d+)`, 'm').exec(fs.readFileSync(file, 'utf8'));
  if (!m) throw new Error(`${stat} not in ${file}`);
  return Number(m[1]);
}

test('three heap snapshots: a timeline in time order with totals, first → last by default, any pair pickable', async ({ page }) => {
  // Given newest first: the timeline orders them by profile time.
  await start(page, ['timer-leak/heap_3.pb.gz', 'timer-leak/heap_1.pb.gz', 'timer-leak/heap_2.pb.gz']);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toBeVisible();
  const snapshots = timeline.getByTestId('snapshot');
  await expect(snapshots).toHaveCount(3);
  await expect(snapshots.nth(0)).toHaveAttribute('data-file', 'heap_1.pb.gz');
  await expect(snapshots.nth(1)).toHaveAttribute('data-file', 'heap_2.pb.gz');
  await expect(snapshots.nth(2)).toHaveAttribute('data-file', 'heap_3.pb.gz');
  await expect(snapshots.nth(0)).toHaveAttribute('data-role', 'base');
  await expect(snapshots.nth(2)).toHaveAttribute('data-role', 'target');
  // Totals are the profiles' inuse_space totals, growing.
  const totals = await snapshots.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-total'))));
  expect(totals[0]).toBeLessThan(totals[1]);
  expect(totals[1]).toBeLessThan(totals[2]);
  await expect(snapshots.nth(2).getByTestId('snapshot-total')).toHaveText('13.1 MiB');

  // Pick heap_2 as the target: the diff becomes heap_1 → heap_2.
  await snapshots.nth(1).hover();
  await snapshots.nth(1).getByTestId('snapshot-as-target').click();
  await expect(snapshots.nth(1)).toHaveAttribute('data-role', 'target');
  await expect(snapshots.nth(0)).toHaveAttribute('data-role', 'base');
  await expect(page.locator('[data-testid=profile-chip][data-role=target]')).toHaveAttribute('data-file', 'heap_2.pb.gz');
  await waitForView(page);
  const reference = JSON.parse(fs.readFileSync(path.join(profilesDir, 'timer-leak/expected/exact/diff_inuse_space_1_2.json'), 'utf8')) as {
    functions: Record<string, { flat: number }>;
  };
  await openTab(page, 'top');
  await expect(page.locator('[data-testid=top-row][data-function="time.NewTimer"]')).toHaveAttribute('data-flat-delta', String(reference.functions['time.NewTimer'].flat));

  // Then heap_2 as the base: heap_2 → heap_3.
  await snapshots.nth(1).hover();
  await snapshots.nth(1).getByTestId('snapshot-as-base').click();
  await expect(snapshots.nth(1)).toHaveAttribute('data-role', 'base');
  await expect(snapshots.nth(2)).toHaveAttribute('data-role', 'target');
  await page.screenshot({ path: 'test-results/trend-timeline.png' });
});

test('the Trend tab ranks the steady leak first, sparklines in the top table and the hover panel', async ({ page }) => {
  const dir = path.join(repoRoot, 'testdata/trend');
  await start(page, [1, 2, 3].map((i) => path.join(dir, `heap_${i}.pb.gz`)));
  await openTab(page, 'trend');
  const rows = page.getByTestId('trend-row');
  await expect(rows.first()).toHaveAttribute('data-function', 'main.openSession');
  await expect(rows.first()).toHaveAttribute('data-monotonic', 'true');
  // The churning function went up then down: not monotonic, ranked below the leak when shown at all.
  const churn = page.locator('[data-testid=trend-row][data-function="main.buildBatch"]');
  if ((await churn.count()) > 0) await expect(churn).toHaveAttribute('data-monotonic', 'false');

  await openTab(page, 'top');
  const topRow = page.locator('[data-testid=top-row][data-function="main.openSession"]');
  await expect(topRow.getByTestId('function-sparkline')).toBeVisible();
  await topRow.click();
  await openTab(page, 'details');
  await expect(page.getByTestId('function-trend')).toBeVisible();
  await expect(page.locator('[data-testid=function-trend] [data-series=flat]')).toHaveAttribute('data-monotonic', 'true');
  await page.screenshot({ path: 'test-results/trend-details.png' });
});

for (const form of ['goroutine_3.pb.gz', 'goroutine_3.debug2.txt']) {
  test(`Goroutines tab: goroutine-leak goroutine_1.pb.gz → ${form} shows the blocked groups with state and creator`, async ({ page }) => {
    await start(page, ['goroutine-leak/goroutine_1.pb.gz', `goroutine-leak/${form}`]);
    await openTab(page, 'goroutines');
    const groups = page.getByTestId('goroutine-group');
    const expected = [
      { state: 'chan send', creator: 'main.query', base: 1500, next: 4500 },
      { state: 'chan receive', creator: 'main.subscribe', base: 1000, next: 3000 },
      { state: 'select', creator: 'main.watch', base: 500, next: 1500 },
    ];
    for (const [i, want] of expected.entries()) {
      const g = groups.nth(i);
      await expect(g).toHaveAttribute('data-state', want.state);
      await expect(g).toHaveAttribute('data-creator', want.creator);
      await expect(g).toHaveAttribute('data-count-base', String(want.base));
      await expect(g).toHaveAttribute('data-count-new', String(want.next));
      await expect(g.getByTestId('goroutine-creator')).toContainText(`created by ${want.creator}`);
    }
    // The growing blocked groups link to the goroutine-leak explanation.
    const link = groups.first().locator('a[data-pattern=goroutine-leak]');
    await expect(link).toHaveAttribute('href', '#/patterns/goroutine-leak');
    await link.click();
    await expect(page.locator('[data-testid=pattern-page][data-pattern=goroutine-leak]')).toBeVisible();
  });
}

test('Goroutines tab: timer-leak debug=2 gives the blocked ticker goroutines, their creator site and wait time', async ({ page }) => {
  await start(page, ['timer-leak/goroutine_1.pb.gz', 'timer-leak/goroutine_3.debug2.txt']);
  await openTab(page, 'goroutines');
  const g = page.getByTestId('goroutine-group').first();
  await expect(g).toHaveAttribute('data-state', 'chan receive');
  await expect(g).toHaveAttribute('data-creator', 'main.startHeartbeat');
  await expect(g).toHaveAttribute('data-count-base', '300');
  await expect(g).toHaveAttribute('data-count-new', '900');
  await expect(g.getByTestId('goroutine-creator')).toContainText('profilegen/timer-leak/main.go:37');
  await expect(g.getByTestId('goroutine-wait')).toContainText('under a minute');
});

test('heap and goroutine profiles of the same moments: the Goroutines tab explains runtime.malg growth', async ({ page }) => {
  await start(page, ['goroutine-leak/heap_1.pb.gz', 'goroutine-leak/heap_2.pb.gz', 'goroutine-leak/heap_3.pb.gz', 'goroutine-leak/goroutine_1.pb.gz', 'goroutine-leak/goroutine_3.pb.gz']);
  // The heap snapshots form the timeline and the diff; goroutines have their own tab.
  await expect(page.getByTestId('timeline').getByTestId('snapshot')).toHaveCount(3);
  await openTab(page, 'goroutines');
  const link = page.getByTestId('goroutine-heap-link');
  await expect(link).toContainText('Heap heap_1.pb.gz → heap_3.pb.gz beside goroutines goroutine_1.pb.gz → goroutine_3.pb.gz');
  await expect(link).toContainText('runtime.malg grew');
  await expect(link).toContainText('goroutines grew +6,000');
  await expect(link.locator('[data-testid=heap-link-row][data-function="main.subscribe"]')).toContainText('chan receive');
  await page.screenshot({ path: 'test-results/trend-goroutines.png' });
});

test('MemStats tab: heap_1.txt → heap_3.txt shows the numbers written in the files, with the signals', async ({ page }) => {
  const dir = path.join(profilesDir, 'goroutine-leak');
  const files = ['heap_1.txt', 'heap_3.txt'].map((f) => path.join(dir, f));
  await start(page, files);
  await openTab(page, 'memstats');
  const table = page.getByTestId('memstats');
  for (const stat of ['HeapAlloc', 'HeapInuse', 'HeapObjects', 'Sys', 'HeapReleased', 'StackInuse', 'NextGC', 'NumGC']) {
    const row = table.locator(`[data-stat=${stat}]`);
    const base = memStat(files[0], stat);
    const next = memStat(files[1], stat);
    await expect(row).toHaveAttribute('data-base', String(base));
    await expect(row).toHaveAttribute('data-new', String(next));
    await expect(row).toHaveAttribute('data-delta', String(next - base));
  }
  await expect(table.locator('[data-testid=memstats-signal][data-signal=heap-grows-after-gc]')).toContainText('HeapAlloc rose after every GC');
  await expect(table.locator('[data-testid=memstats-signal][data-signal=stacks-grow]')).toContainText('StackInuse rose');
  await expect(table.locator('[data-stat=PauseTotalNs]')).toBeVisible();
});

test('MemStats tab: three text snapshots draw a small chart per field', async ({ page }) => {
  const dir = path.join(repoRoot, 'testdata/trend');
  await start(page, [1, 2, 3].map((i) => path.join(dir, `heap_${i}.txt`)));
  await openTab(page, 'memstats');
  const numGC = page.locator('[data-testid=memstats] [data-stat=NumGC]');
  await expect(numGC.getByTestId('memstats-chart')).toHaveAttribute('data-values', [1, 2, 3].map((i) => memStat(path.join(dir, `heap_${i}.txt`), 'NumGC')).join(','));
  await page.screenshot({ path: 'test-results/trend-memstats.png' });
});
