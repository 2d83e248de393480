// `npm run cli`: runs the command line from a bundle of src/cli, built with esbuild on the first run after
// any source changed. The bundle starts in about 0.1 s; the TypeScript run through tsx took about 1 s, and
// as long again in each decode thread.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'leakscope-cli');

/**
 * The newest modification time of what goes into the bundle: every source and source folder (a file removed
 * or renamed changes its folder's), the lock file, this script.
 */
function newestInput() {
  let newest = 0;
  const visit = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  visit(path.join(root, 'src'));
  for (const file of ['package-lock.json', 'scripts/cli.mjs']) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  return newest;
}

// One directory per state of the sources: a bundle, once renamed into place, never changes, so runs side by
// side (tests, a second terminal) never see half of one.
const bundleDir = path.join(cacheDir, String(Math.floor(newestInput())));
const main = path.join(bundleDir, 'main.mjs');

if (existsSync(main) || (await bundle())) {
  await import(pathToFileURL(main).href);
} else {
  // No bundle (esbuild missing or failing): run the TypeScript as before, slower to start but the same CLI.
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'src/cli/main.ts')).href);
}

/** Builds the bundle into bundleDir; false when it cannot be built. */
async function bundle() {
  const staging = `${bundleDir}.${process.pid}.tmp`;
  try {
    const { build } = await import('esbuild');
    await build({
      absWorkingDir: root,
      entryPoints: { main: 'src/cli/main.ts', decodeThread: 'src/cli/decodeThread.ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outdir: staging,
      outExtension: { '.js': '.mjs' },
      logLevel: 'silent',
    });
  } catch {
    rmSync(staging, { recursive: true, force: true });
    return false;
  }
  try {
    renameSync(staging, bundleDir);
  } catch {
    // Another run put the same bundle in place first.
    rmSync(staging, { recursive: true, force: true });
  }
  for (const old of readdirSync(cacheDir)) {
    if (old !== path.basename(bundleDir) && !old.endsWith('.tmp')) rmSync(path.join(cacheDir, old), { recursive: true, force: true });
  }
  return true;
}
