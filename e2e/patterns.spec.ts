// Leak patterns in the app: for each real scenario the first suspect names the scenario's pattern,
// its explanation page renders offline, and it is two clicks away from a frame where it shows.
import { expect, test, type Page } from '@playwright/test';
import { loadFiles, waitForView } from './loadFiles.ts';

const SCENARIOS = ['closure-capture', 'syncpool-escape', 'timer-leak', 'goroutine-leak', 'slice-retention', 'map-cache', 'context-leak'];
const ALL_PATTERNS = [...SCENARIOS, 'http-body-leak', 'finalizer-leak', 'cgo-leak', 'unbounded-channel'];

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

async function openSuspects(page: Page): Promise<void> {
  await page.getByTestId('tab-suspects').click();
  await expect(page.locator('[data-testid=suspect]').first()).toBeVisible();
}

async function expectPatternPage(page: Page, id: string): Promise<void> {
  const pageEl = page.locator(`[data-testid=pattern-page][data-pattern="${id}"]`);
  await expect(pageEl).toBeVisible();
  for (const heading of ['1. What leaks', '2. How it looks in a heap profile and in a goroutine profile', '3. A minimal leaking program and its fix', '4. How to confirm the fix', '5. Related patterns']) {
    await expect(pageEl.getByRole('heading', { name: heading })).toBeVisible();
  }
  await expect(pageEl.getByTestId('pattern-leaking-code')).not.toBeEmpty();
  await expect(pageEl.getByTestId('pattern-fixed-code')).not.toBeEmpty();
}

for (const scenario of SCENARIOS) {
  test(`${scenario}: the first suspect is ${scenario}, and its page is two clicks from the frame`, async ({ page }) => {
    await page.goto('/');
    await loadFiles(page, [`${scenario}/heap_1.pb.gz`, `${scenario}/heap_3.pb.gz`]);
    await waitForView(page);
    await openSuspects(page);
    const first = page.locator('[data-testid=suspect]').first();
    await expect(first).toHaveAttribute('data-pattern', scenario);
    const fn = (await first.getAttribute('data-function'))!;

    // Click 1: the frame where the pattern shows, in the flame graph.
    const frame = page.locator(`[data-testid=flamegraph] [data-testid=frame][data-name="${fn}"]`).first();
    await frame.click();
    // Click 2: the pattern link shown for the selected frame.
    await page.locator(`a[data-testid=pattern-link][data-pattern="${scenario}"]`).first().click();
    await expectPatternPage(page, scenario);
    await expect(page).toHaveURL(new RegExp(`#/patterns/${scenario}`));

    // Back to the diff, the suspects are still there.
    await page.getByTestId('pattern-page-close').click();
    await expect(page.locator('[data-testid=pattern-page]')).toHaveCount(0);
    await expect(page.locator('[data-testid=suspect]').first()).toHaveAttribute('data-pattern', scenario);
  });
}

test('from a fresh diff with the Top table open, a pattern page is exactly two clicks from its frame', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, ['timer-leak/heap_1.pb.gz', 'timer-leak/heap_3.pb.gz']);
  await waitForView(page);
  await expect(page.getByTestId('tab-top')).toHaveAttribute('aria-selected', 'true');
  // The suspects arrive from the worker after the diff is drawn; the lead suspect names the frame.
  const lead = page.locator('[data-testid=suspect][data-pattern="timer-leak"]').first();
  await expect(lead).toBeVisible();
  const fn = (await lead.getAttribute('data-function'))!;

  let clicks = 0;
  // Click 1: the frame in the flame graph; it selects it, and Details comes forward with its pattern links.
  await page.locator(`[data-testid=flamegraph] [data-testid=frame][data-name="${fn}"]`).first().click();
  clicks++;
  await expect(page.getByTestId('tab-details')).toHaveAttribute('aria-selected', 'true');
  // Click 2: the link to the explanation.
  await page.getByTestId('details').locator('a[data-testid=pattern-link][data-pattern="timer-leak"]').click();
  clicks++;
  await expectPatternPage(page, 'timer-leak');
  expect(clicks).toBe(2);
});

test('a frame without leak patterns leaves the Top table open', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, ['timer-leak/heap_1.pb.gz', 'timer-leak/heap_3.pb.gz']);
  await waitForView(page);
  await expect(page.locator('[data-testid=suspect][data-pattern="timer-leak"]').first()).toBeVisible();
  await page.locator('[data-testid=flamegraph] [data-testid=frame][data-name="runtime.main"]').first().click();
  await expect(page.getByTestId('tab-top')).toHaveAttribute('aria-selected', 'true');
});

test('clicking a suspect zooms the flame graph to the frame where the pattern shows', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, ['timer-leak/heap_1.pb.gz', 'timer-leak/heap_3.pb.gz']);
  await waitForView(page);
  await openSuspects(page);
  const first = page.getByTestId('suspects').locator('[data-testid=suspect]').first();
  await expect(first).toHaveAttribute('data-function', 'time.After');
  await first.locator('.suspect-main').click();
  await expect(page.locator('[data-testid=breadcrumbs]')).toContainText('time.After');
});

test('goroutine-leak: the goroutine diff puts goroutine-leak first', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, ['goroutine-leak/goroutine_1.pb.gz', 'goroutine-leak/goroutine_3.pb.gz']);
  await waitForView(page);
  await openSuspects(page);
  await expect(page.locator('[data-testid=suspect]').first()).toHaveAttribute('data-pattern', 'goroutine-leak');
});

test('with three snapshots the suspects are ranked by trend and say so', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, ['timer-leak/heap_1.pb.gz', 'timer-leak/heap_2.pb.gz', 'timer-leak/heap_3.pb.gz']);
  await waitForView(page);
  await openSuspects(page);
  await expect(page.getByTestId('suspects')).toContainText('Ranked by trend over 3 snapshots');
  const first = page.getByTestId('suspects').locator('[data-testid=suspect]').first();
  await expect(first).toHaveAttribute('data-pattern', 'timer-leak');
  await expect(first).toContainText(/grew in 2 of 2 intervals, \+[\d.]+ [KMG]?i?B\/min/);
});

test('a goroutine diff loaded beside the heap diff is used as evidence', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, ['timer-leak/heap_1.pb.gz', 'timer-leak/heap_3.pb.gz', 'timer-leak/goroutine_1.pb.gz', 'timer-leak/goroutine_3.pb.gz']);
  await waitForView(page);
  await openSuspects(page);
  await expect(page.getByTestId('suspects')).toContainText('Also using goroutine_1.pb.gz → goroutine_3.pb.gz as evidence');
  await expect(page.locator('[data-testid=suspect]').first()).toHaveAttribute('data-pattern', 'timer-leak');
});

test('the lead suspect is in the top bar without opening the tab, and zooms to its frame', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, ['context-leak/heap_1.pb.gz', 'context-leak/heap_3.pb.gz']);
  await waitForView(page);
  const lead = page.locator('[data-testid=suspect]').first();
  await expect(lead).toHaveAttribute('data-pattern', 'context-leak');
  await expect(lead).toHaveAttribute('data-function', 'context.WithTimeout');
  await lead.click();
  await expect(page.locator('[data-testid=breadcrumbs]')).toContainText('context.WithTimeout');
});

for (const id of ALL_PATTERNS) {
  test(`the ${id} page is addressable as #/patterns/${id} and renders offline`, async ({ page }) => {
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('http://127.0.0.1')) outside.push(r.url());
    });
    await page.goto(`/#/patterns/${id}`);
    await expectPatternPage(page, id);
    expect(outside).toEqual([]);
  });
}
