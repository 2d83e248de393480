// The one way e2e specs load profiles: through the app's file input, exactly as a user picks files.
// Paths are absolute or relative to ../shared/profiles; in-memory files (e.g. deliberately broken ones)
// are given as { name, buffer }.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const profilesDir = path.resolve(repoRoot, '../shared/profiles');

export interface InMemoryFile {
  readonly name: string;
  readonly buffer: Buffer;
  readonly mimeType?: string;
}

export type FileSpec = string | InMemoryFile;

export function profilePath(relative: string): string {
  return path.isAbsolute(relative) ? relative : path.join(profilesDir, relative);
}

/** Picks `files` in the file input in one go (as a multi-select does) and waits until none is loading. */
export async function loadFiles(page: Page, files: readonly FileSpec[], options: { waitForDecode?: boolean } = {}): Promise<void> {
  // Playwright cannot mix paths and buffers in one call, so paths are read into buffers as well.
  const payload = files.map((f) =>
    typeof f === 'string'
      ? { name: path.basename(f), mimeType: 'application/octet-stream', buffer: fs.readFileSync(profilePath(f)) }
      : { name: f.name, mimeType: f.mimeType ?? 'application/octet-stream', buffer: f.buffer },
  );
  await page.locator('input[type=file][data-testid=file-input]').setInputFiles(payload);
  if (options.waitForDecode !== false) await waitForDecoded(page);
}

/** Waits until every loaded file has finished decoding (ready or failed). */
export async function waitForDecoded(page: Page): Promise<void> {
  await expect(page.locator('[data-testid=profile-chip]').first()).toBeVisible();
  await expect(page.locator('[data-testid=profile-chip][data-status=loading]')).toHaveCount(0, { timeout: 30_000 });
}

/** Waits until the view for the current pair and options is computed and its totals are shown. */
export async function waitForView(page: Page): Promise<void> {
  await expect(page.locator('[data-testid=status]')).toHaveAttribute('data-computing', 'false', { timeout: 30_000 });
  await expect(page.locator('[data-testid=totals-values]')).toBeVisible();
}

/** Opens a right-panel tab by id: 'suspects', 'details', 'top', … (see src/ui/panels.ts). */
export async function openTab(page: Page, id: string): Promise<void> {
  await page.getByTestId(`tab-${id}`).click();
  await expect(page.getByTestId(`tab-${id}`)).toHaveAttribute('aria-selected', 'true');
}
