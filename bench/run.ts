// `npm run bench`: generates (once) Go-like heap profile series, then measures every stage — gunzip, decode,
// diff, call tree, trend in Node; the CLI diff as a process; the app in headless Chromium — and prints one
// table, with each figure beside a reference measured in the same run. Writes bench/out/results.json and
// bench/RESULTS.md. Flags: --sizes=small,medium,large  --skip-browser  --skip-cli  --skip-go  --report-only
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBrowserStage, type BrowserStageResult } from './browserStage.ts';
import { runCliStage, type CliStageResult } from './cliStage.ts';
import { benchSpecs, type BenchSize } from './generateProfile.ts';
import { benchDir, ensureInputs, outDir, type InputFiles } from './inputs.ts';
import { nodeStages, type NodeStage, type StageResult } from './nodeStage.ts';
import { formatReport, type BenchReport } from './report.ts';

const repoRoot = path.resolve(benchDir, '..');
const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const sizesArg = argv.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length);
const sizes = (sizesArg ? sizesArg.split(',') : Object.keys(benchSpecs)) as BenchSize[];

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function runStageProcess(stage: NodeStage, size: BenchSize): StageResult | { stage: NodeStage; size: BenchSize; error: string } {
  // A fresh process per stage: its memory figures are its own, and no stage warms the JIT for another.
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', path.join(benchDir, 'nodeStage.ts'), stage, size], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) return { stage, size, error: (r.stderr || r.error?.message || `exit ${r.status}`).split('\n').slice(0, 6).join(' | ') };
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as StageResult;
}

/** --report-only: re-renders the table from the last bench/out/results.json without measuring anything. */
function reportOnly(): void {
  const report = JSON.parse(readFileSync(path.join(outDir, 'results.json'), 'utf8')) as BenchReport;
  const text = formatReport(report);
  process.stdout.write(`${text.console}\n`);
  writeFileSync(path.join(benchDir, 'RESULTS.md'), text.markdown);
}

async function main(): Promise<void> {
  if (flag('report-only')) {
    reportOnly();
    return;
  }
  const started = Date.now();
  const loadStart = os.loadavg();
  mkdirSync(outDir, { recursive: true });
  const inputs = new Map<BenchSize, InputFiles>();
  for (const size of sizes) inputs.set(size, ensureInputs(size, log));

  const stages: (StageResult | { stage: NodeStage; size: BenchSize; error: string })[] = [];
  for (const size of sizes) {
    for (const stage of nodeStages) {
      log(`node: ${stage} ${size} …`);
      stages.push(runStageProcess(stage, size));
    }
  }

  let cli: CliStageResult | null = null;
  const cliSize = sizes.includes('large') ? 'large' : sizes[sizes.length - 1];
  if (!flag('skip-cli')) {
    const files = inputs.get(cliSize)!;
    log(`cli: diff ${cliSize}_prev ${cliSize}${flag('skip-go') ? '' : ' (and go tool pprof -diff_base, one run)'} …`);
    cli = runCliStage(repoRoot, cliSize, files.prev, files.last, !flag('skip-go'));
  }

  let browser: BrowserStageResult = { skipped: 'skipped (--skip-browser)', pairs: [] };
  if (!flag('skip-browser')) {
    const pairs = sizes
      .filter((s) => s !== 'small')
      .map((s) => {
        const f = inputs.get(s)!;
        return { size: s, files: [f.prev, f.last], rawBytes: f.rawBytes[0] + f.rawBytes[f.rawBytes.length - 1] };
      });
    try {
      browser = await runBrowserStage(repoRoot, pairs, log);
    } catch (e) {
      browser = { skipped: `browser stage failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, pairs: [] };
    }
  }

  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
    loadAverage: { start: loadStart, end: os.loadavg() },
    durationS: (Date.now() - started) / 1000,
    inputs: [...inputs.values()].map((f) => ({ size: f.size, spec: benchSpecs[f.size], samples: f.samples, rawBytes: f.rawBytes })),
    stages,
    cli,
    browser,
  };
  writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  const text = formatReport(report);
  process.stdout.write(`${text.console}\n`);
  writeFileSync(path.join(benchDir, 'RESULTS.md'), text.markdown);
  log(`wrote bench/out/results.json and bench/RESULTS.md in ${report.durationS.toFixed(0)} s`);
}

await main();
