// The shell: first screen, loading one profile through the file input, the example, keyboard.
import { expect, test } from '@playwright/test';
import { loadFiles, waitForDecoded, waitForView } from './loadFiles.ts';

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

test('the first screen offers a drop zone, the curl commands and the example', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Drop two or more heap or goroutine profiles taken minutes apart' })).toBeVisible();
  await expect(page.locator('.command code').first()).toHaveText(/curl -o heap1\.pb\.gz http:\/\/localhost:6060\/debug\/pprof\/heap/);
  await expect(page.getByText('?debug=2', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('Profiles are never uploaded')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/first-screen.png' });
});

test('a profile chosen with the file input is decoded and its sample types are listed', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, ['map-cache/heap_3.pb.gz']);
  const chip = page.locator('[data-testid=profile-chip]');
  await expect(chip).toHaveAttribute('data-status', 'ready');
  await expect(chip).toContainText('heap_3.pb.gz');
  const options = page.locator('select[data-testid=sample-type] option');
  await expect(options).toHaveText(['inuse_space', 'inuse_objects', 'alloc_objects', 'alloc_space']);
  await expect(page.locator('select[data-testid=sample-type]')).toHaveValue('inuse_space');
  await waitForView(page);
  await page.screenshot({ path: 'test-results/screenshots/single-profile.png' });
});

test('#example opens on the bundled example diff', async ({ page }) => {
  await page.goto('/#example');
  await waitForDecoded(page);
  await expect(page.locator('[data-testid=profile-chip][data-role=base]')).toContainText('heap_1.pb.gz');
  await expect(page.locator('[data-testid=profile-chip][data-role=target]')).toContainText('heap_3.pb.gz');
  await waitForView(page);
  await page.screenshot({ path: 'test-results/screenshots/example.png' });
});

test('"Try an example" loads the example and "/" focuses search', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('try-example').click();
  await waitForDecoded(page);
  await waitForView(page);
  await page.locator('body').press('/');
  await expect(page.getByTestId('search')).toBeFocused();
});

test('dark mode follows prefers-color-scheme without moving the layout', async ({ page }) => {
  await page.goto('/#example');
  await waitForDecoded(page);
  await waitForView(page);
  const boxLight = await page.getByTestId('top-table').boundingBox();
  await page.emulateMedia({ colorScheme: 'dark' });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe('rgb(255, 255, 255)');
  expect(await page.getByTestId('top-table').boundingBox()).toEqual(boxLight);
  await page.screenshot({ path: 'test-results/screenshots/example-dark.png' });
});

test('picking a pair that cannot be diffed says why and keeps the last view', async ({ page }) => {
  await page.goto('/');
  await loadFiles(page, ['map-cache/heap_1.pb.gz', 'timer-leak/goroutine_1.pb.gz']);
  await waitForView(page);
  // Two kinds, one of each: the first loaded is shown alone.
  await expect(page.getByTestId('totals-values')).toContainText('inuse_space');
  const goroutine = page.locator('[data-testid=profile-chip][data-file="goroutine_1.pb.gz"]');
  await goroutine.hover();
  await goroutine.getByTestId('as-base').click();
  await expect(page.getByTestId('compute-error')).toContainText('only profiles of the same kind can be diffed');
  await expect(page.getByTestId('totals-values')).toContainText('inuse_space');
  await expect(page.getByTestId('crash')).toHaveCount(0);
});
