// The diff of two real heap snapshots, checked against go tool pprof -diff_base's exact numbers.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { loadFiles, openTab, profilesDir, waitForView } from './loadFiles.ts';

interface Reference {
  readonly functions: Readonly<Record<string, { readonly flat: number; readonly cum: number }>>;
}

function reference(scenario: string, sampleType: string): Reference {
  const file = path.join(profilesDir, scenario, 'expected', 'exact', `diff_${sampleType}_1_3.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Reference;
}

/** The function go tool pprof ranks first by flat delta (ties: larger cum delta, then name). */
function largestFlatDelta(ref: Reference): { name: string; flat: number } {
  const rows = Object.entries(ref.functions).map(([name, v]) => ({ name, ...v }));
  rows.sort((a, b) => b.flat - a.flat || b.cum - a.cum || (a.name < b.name ? -1 : 1));
  return rows[0];
}

const leakScenarios = fs
  .readdirSync(profilesDir)
  .filter((dir) => ['heap_1.pb.gz', 'heap_3.pb.gz'].every((f) => fs.existsSync(path.join(profilesDir, dir, f))))
  .sort();

async function expectRowsMatch(page: Page, ref: Reference): Promise<void> {
  const rows = page.locator('[data-testid=top-row]');
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < Math.min(count, 15); i++) {
    const row = rows.nth(i);
    const name = (await row.getAttribute('data-function'))!;
    const expected = ref.functions[name] ?? { flat: 0, cum: 0 };
    expect({ name, flat: Number(await row.getAttribute('data-flat-delta')), cum: Number(await row.getAttribute('data-cum-delta')) }).toEqual({
      name,
      flat: expected.flat,
      cum: expected.cum,
    });
  }
}

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

test('there are leak scenarios to check', () => {
  expect(leakScenarios.length).toBeGreaterThanOrEqual(5);
});

for (const scenario of leakScenarios) {
  test(`${scenario}: heap_1 → heap_3 ranks pprof's largest flat delta first, and follows the sample type`, async ({ page }) => {
    await page.goto('/');
    await loadFiles(page, [`${scenario}/heap_3.pb.gz`, `${scenario}/heap_1.pb.gz`]);
    // Base and target are chosen by profile time, not by the order the files were picked in.
    await expect(page.locator('[data-testid=profile-chip][data-role=base]')).toContainText('heap_1.pb.gz');
    await expect(page.locator('[data-testid=profile-chip][data-role=target]')).toContainText('heap_3.pb.gz');
    await waitForView(page);
    await openTab(page, 'top');

    const inuse = reference(scenario, 'inuse_space');
    const top = largestFlatDelta(inuse);
    const first = page.locator('[data-testid=top-row]').first();
    await expect(first).toHaveAttribute('data-function', top.name);
    await expect(first).toHaveAttribute('data-flat-delta', String(top.flat));
    await expectRowsMatch(page, inuse);
    if (scenario === leakScenarios[0]) await page.screenshot({ path: 'test-results/screenshots/diff-inuse-space.png' });

    for (const sampleType of ['alloc_space', 'inuse_objects']) {
      await page.locator('select[data-testid=sample-type]').selectOption(sampleType);
      const ref = reference(scenario, sampleType);
      const expectedTop = largestFlatDelta(ref);
      await expect(first).toHaveAttribute('data-function', expectedTop.name);
      await expect(first).toHaveAttribute('data-flat-delta', String(expectedTop.flat));
      await waitForView(page);
      await expectRowsMatch(page, ref);
    }
  });
}

test('the likely next sample type is prepared while idle: switching to it shows pprof\'s numbers at once', async ({ page }) => {
  const scenario = 'map-cache';
  await page.goto('/');
  await loadFiles(page, [`${scenario}/heap_1.pb.gz`, `${scenario}/heap_3.pb.gz`]);
  await waitForView(page);
  await openTab(page, 'top');
  // inuse_space -> alloc_space is the step a leak hunt takes next; the worker prepares it once idle.
  await page.waitForTimeout(1000);
  await page.locator('select[data-testid=sample-type]').selectOption('alloc_space');
  await waitForView(page);
  await expect(page.getByTestId('status')).toContainText('view prepared ahead while idle');
  const ref = reference(scenario, 'alloc_space');
  const top = largestFlatDelta(ref);
  await expect(page.locator('[data-testid=top-row]').first()).toHaveAttribute('data-function', top.name);
  await expectRowsMatch(page, ref);
  // A type nobody prepared is computed as before.
  await page.locator('select[data-testid=sample-type]').selectOption('inuse_objects');
  await waitForView(page);
  await expect(page.getByTestId('status')).toContainText('view computed in');
});

test('a broken file among three shows its error and the other two still diff', async ({ page }) => {
  const scenario = 'map-cache';
  // A real profile cut in half: the truncated-download case a real file cannot show.
  const whole = fs.readFileSync(path.join(profilesDir, scenario, 'heap_2.pb.gz'));
  const truncated = { name: 'heap_2_truncated.pb.gz', buffer: whole.subarray(0, Math.floor(whole.length / 2)) };
  await page.goto('/');
  await loadFiles(page, [`${scenario}/heap_1.pb.gz`, truncated, `${scenario}/heap_3.pb.gz`]);
  const broken = page.locator('[data-testid=profile-chip][data-file="heap_2_truncated.pb.gz"]');
  await expect(broken.locator('[data-testid=error]')).toContainText('heap_2_truncated.pb.gz');
  await expect(broken.locator('[data-testid=error]')).toContainText(/gzip/);
  await waitForView(page);
  await openTab(page, 'top');
  const top = largestFlatDelta(reference(scenario, 'inuse_space'));
  await expect(page.locator('[data-testid=top-row]').first()).toHaveAttribute('data-function', top.name);
  await expect(page.locator('[data-testid=top-row]').first()).toHaveAttribute('data-flat-delta', String(top.flat));
  await page.screenshot({ path: 'test-results/screenshots/broken-file.png' });
});

test('clicking a top-table row selects that function and shows its details', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, ['timer-leak/heap_1.pb.gz', 'timer-leak/heap_3.pb.gz']);
  await waitForView(page);
  await openTab(page, 'top');
  const first = page.locator('[data-testid=top-row]').first();
  const name = (await first.getAttribute('data-function'))!;
  await first.click();
  await expect(first).toHaveClass(/selected/);
  await page.getByTestId('tab-details').click();
  await expect(page.getByTestId('details')).toContainText(name);
});

test('the top table sorts by a clicked column and filters by name', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, ['closure-capture/heap_1.pb.gz', 'closure-capture/heap_3.pb.gz']);
  await waitForView(page);
  await openTab(page, 'top');
  await page.locator('[data-testid=top-table] [data-column=cumDelta]').click();
  const ref = reference('closure-capture', 'inuse_space');
  const byCum = Object.entries(ref.functions).sort((a, b) => b[1].cum - a[1].cum || (a[0] < b[0] ? -1 : 1));
  await expect(page.locator('[data-testid=top-row]').first()).toHaveAttribute('data-cum-delta', String(byCum[0][1].cum));
  await page.getByTestId('top-filter').fill('makeHandler');
  await expect(page.locator('[data-testid=top-row]')).toHaveCount(1);
  await expect(page.locator('[data-testid=top-row]').first()).toHaveAttribute('data-function', 'main.makeHandler');
});

test('a top-table click zooms the flame graph to the function; Esc resets; search takes Go names as text', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, ['timer-leak/heap_1.pb.gz', 'timer-leak/heap_3.pb.gz']);
  await waitForView(page);
  await openTab(page, 'top');
  await page.getByTestId('top-filter').fill('time.NewTimer');
  await page.locator('[data-testid=top-row][data-function="time.NewTimer"]').click();
  await expect(page.getByTestId('breadcrumbs')).toContainText('time.NewTimer');
  await page.locator('body').press('Escape');
  await expect(page.getByTestId('breadcrumbs')).not.toContainText('time.NewTimer');

  await page.locator('body').press('/');
  await page.getByTestId('search').fill('(*');
  await expect(page.getByTestId('search-totals')).toBeVisible();
  await page.getByTestId('search').fill('main.pollLoop');
  await expect(page.getByTestId('search-totals')).toContainText('1 fn');
  // Enter steps through the matches, zooming to each.
  await page.getByTestId('search').press('Enter');
  await expect(page.getByTestId('breadcrumbs')).toContainText('main.pollLoop');
  await page.screenshot({ path: 'test-results/screenshots/search.png' });
});
