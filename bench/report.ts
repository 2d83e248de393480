// Formats a benchmark run as one table (console) and as README-ready Markdown: every figure with its
// reference from the same run, the targets, and how each stage scales small -> medium -> large.
import type { BrowserStageResult } from './browserStage.ts';
import type { CliStageResult } from './cliStage.ts';
import type { BenchSize, ProfileSpec } from './generateProfile.ts';
import type { NodeStage, StageResult } from './nodeStage.ts';

export interface BenchReport {
  readonly date: string;
  readonly machine: string;
  readonly loadAverage: { readonly start: number[]; readonly end: number[] };
  readonly durationS: number;
  readonly inputs: { size: BenchSize; spec: ProfileSpec; samples: readonly number[]; rawBytes: readonly number[] }[];
  readonly stages: (StageResult | { stage: NodeStage; size: BenchSize; error: string })[];
  readonly cli: CliStageResult | null;
  readonly browser: BrowserStageResult;
}

const ms = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
const mb = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(v < 10 ? 1 : 0)} MB`);
const ratio = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(v < 10 ? 2 : 1)}×`);
const rate = (bytes: number, t: number): string => (t > 0 ? `${(bytes / 1e3 / t).toFixed(1)} MB/s` : '–');

function isResult(s: BenchReport['stages'][number]): s is StageResult {
  return !('error' in s);
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

const STAGE_LABEL: Record<NodeStage, string> = {
  gunzip: 'gunzip (pako; the app inflates with the browser\'s DecompressionStream when there is one)',
  decode: 'decode (ours)',
  'decode-prev': 'decode previous snapshot',
  diff: 'diff (prev → last)',
  calltree: 'call tree of the diff',
  trend: 'trend over 5 snapshots',
};

export function formatReport(report: BenchReport): { console: string; markdown: string } {
  const results = report.stages.filter(isResult);
  const find = (stage: NodeStage, size: BenchSize): StageResult | undefined => results.find((r) => r.stage === stage && r.size === size);

  // pprof-format's throughput in this run (decode stage, same size): the reference for stages without their own.
  const pprofRate = (size: BenchSize): { wall: number; cpu: number } | null => {
    const d = find('decode', size);
    if (!d?.ref) return null;
    return { wall: d.inputRawBytes / d.ref.medianMs, cpu: d.inputRawBytes / d.ref.medianCpuMs };
  };

  const nodeRows: string[][] = [];
  for (const s of report.stages) {
    if (!isResult(s)) {
      nodeRows.push([s.size, STAGE_LABEL[s.stage], `failed: ${s.error}`, '', '', '', '', '', '', '']);
      continue;
    }
    let refLabel = '';
    let refWall = NaN;
    let refCpu = NaN;
    if (s.ref) {
      refLabel = s.ref.label;
      refWall = s.ref.medianMs;
      refCpu = s.ref.medianCpuMs;
    } else {
      const r = pprofRate(s.size);
      if (r) {
        refLabel = 'pprof-format Profile.decode of the same bytes (rate measured in this run)';
        refWall = s.inputRawBytes / r.wall;
        refCpu = s.inputRawBytes / r.cpu;
      }
    }
    nodeRows.push([
      s.size,
      STAGE_LABEL[s.stage],
      `${mb(s.inputRawBytes / 1e6)} raw`,
      `${ms(s.ours.medianMs)} (${s.ours.runsMs.length} runs)`,
      ms(s.ours.medianCpuMs),
      s.stage.startsWith('decode') || s.stage === 'gunzip' ? `${rate(s.inputRawBytes, s.ours.medianMs)} (CPU ${rate(s.inputRawBytes, s.ours.medianCpuMs)})` : '',
      s.retainedBuffersMB === undefined
        ? `${mb(s.ours.peakRssMB)} / ${mb(s.retainedHeapMB)} (JS heap only)`
        : `${mb(s.ours.peakRssMB)} / ${mb(s.retainedHeapMB + s.retainedBuffersMB)}`,
      refLabel ? `${refLabel}: ${ms(refWall)} (CPU ${ms(refCpu)})` : '',
      ratio(refWall / s.ours.medianMs),
      ratio(refCpu / s.ours.medianCpuMs),
    ]);
  }
  const nodeTable = table(
    ['size', 'stage', 'input', 'median wall', 'median CPU', 'throughput', 'peak RSS Δ / retained', 'reference (same run)', 'speed-up (wall)', 'speed-up (CPU)'],
    nodeRows,
  );

  // Scaling: how each stage's time grows with the input from one size to the next (exponent 1 = linear).
  const sizes = report.inputs.map((i) => i.size);
  const scalingRows: string[][] = [];
  const stageNames: NodeStage[] = ['gunzip', 'decode', 'diff', 'calltree', 'trend'];
  for (const stage of stageNames) {
    const cells: string[] = [];
    for (let i = 1; i < sizes.length; i++) {
      const a = find(stage, sizes[i - 1]);
      const b = find(stage, sizes[i]);
      if (!a || !b) {
        cells.push('–');
        continue;
      }
      const inputRatio = b.inputRawBytes / a.inputRawBytes;
      const timeRatio = b.ours.medianCpuMs / a.ours.medianCpuMs;
      cells.push(`input ×${inputRatio.toFixed(1)}, CPU time ×${timeRatio.toFixed(1)} (exponent ${(Math.log(timeRatio) / Math.log(inputRatio)).toFixed(2)})`);
    }
    scalingRows.push([STAGE_LABEL[stage], ...cells]);
  }
  const scalingTable = sizes.length > 1
    ? table(['stage', ...sizes.slice(1).map((s, i) => `${sizes[i]} → ${s}`)], scalingRows)
    : '';

  // Targets of the performance issue.
  const targetRows: string[][] = [];
  const largeDecode = find('decode', 'large') ?? find('decode', sizes[sizes.length - 1]);
  if (largeDecode?.ref) {
    const speedWall = largeDecode.ref.medianMs / largeDecode.ours.medianMs;
    const speedCpu = largeDecode.ref.medianCpuMs / largeDecode.ours.medianCpuMs;
    const mbs = largeDecode.inputRawBytes / 1e3 / largeDecode.ours.medianMs;
    targetRows.push([`decode ${largeDecode.size}: ≥ 6× pprof-format`, `${ratio(speedWall)} wall, ${ratio(speedCpu)} CPU`, speedWall >= 6 ? 'holds' : 'does not hold']);
    targetRows.push([`decode ${largeDecode.size}: ≥ 110 MB/s raw`, `${mbs.toFixed(1)} MB/s wall, ${(largeDecode.inputRawBytes / 1e3 / largeDecode.ours.medianCpuMs).toFixed(1)} MB/s CPU`, mbs >= 110 ? 'holds' : 'does not hold']);
  }
  if (report.cli) {
    const { ours, reference } = report.cli;
    targetRows.push([`CLI diff ${report.cli.size}: ≤ 2 s`, ours.error ? `failed: ${ours.error}` : ms(ours.medianWallMs), ours.medianWallMs <= 2000 ? 'holds' : 'does not hold']);
    targetRows.push([`CLI diff ${report.cli.size}: ≤ 1 GB`, mb(ours.medianMaxRssMB), ours.medianMaxRssMB <= 1000 ? 'holds' : 'does not hold']);
    if (reference && !reference.error) {
      const t = ours.medianWallMs / reference.medianWallMs;
      const m = ours.medianMaxRssMB / reference.medianMaxRssMB;
      targetRows.push([`CLI diff ${report.cli.size}: ≤ 0.1× go tool pprof time (${ms(reference.medianWallMs)})`, ratio(t), t <= 0.1 ? 'holds' : 'does not hold']);
      targetRows.push([`CLI diff ${report.cli.size}: ≤ 0.2× go tool pprof memory (${mb(reference.medianMaxRssMB)})`, ratio(m), m <= 0.2 ? 'holds' : 'does not hold']);
    } else if (reference?.error) {
      targetRows.push(['go tool pprof -diff_base (reference)', `failed: ${reference.error}`, '–']);
    }
  }
  /** One row per measured variant of a figure with an upper limit (absent variants: older result files). */
  const limitRows = (variants: [string, number | null | undefined][], limit: number, label: (when: string) => string, show: (v: number) => string, detail: string, missing: string) => {
    for (const [when, value] of variants) {
      if (value === undefined) continue;
      targetRows.push([label(when), value === null ? missing : `${show(value)} (${ratio(value / limit)} of target${detail})`, value !== null && value <= limit ? 'holds' : 'does not hold']);
    }
  };
  for (const pair of report.browser.pairs) {
    const limit = pair.size === 'large' ? 2000 : 500;
    limitRows(
      [
        ['files chosen 3 s after the page opened', pair.firstDiffPaintMs],
        ['files chosen the moment the page loaded', pair.firstDiffPaintAtLoadMs],
      ],
      limit,
      (when) => `browser ${pair.size} pair: first painted diff ≤ ${ms(limit)} (${when})`,
      ms,
      '',
      `– (${pair.note ?? ''})`,
    );
    for (const i of pair.interactions) {
      targetRows.push([
        `browser ${pair.size}: ${i.name} ≤ 100 ms`,
        i.latencyMs === null
          ? `– (${i.note ?? ''})`
          : `${ms(i.latencyMs)} (${ratio(i.latencyMs / 100)} of target; median of ${(i.samplesMs ?? [i.latencyMs]).map((v) => (v === null ? '–' : ms(v))).join(', ')})`,
        i.latencyMs !== null && i.latencyMs <= 100 ? 'holds' : 'does not hold',
      ]);
    }
    targetRows.push([`browser ${pair.size}: no main-thread task > 100 ms`, `${pair.longTasks.count} long tasks, longest ${ms(pair.longTasks.maxMs)}, ${ms(pair.longTasks.totalMs)} in all`, pair.longTasks.maxMs <= 100 ? 'holds' : 'does not hold']);
    const heapLimit = (3 * pair.rawBytes) / 1e6;
    limitRows(
      [
        ['once the diff is drawn', pair.jsHeapAfterLoadMB],
        ['after the interactions above', pair.jsHeapMB],
      ],
      heapLimit,
      (when) => `browser ${pair.size}: page JS heap ≤ 3× raw protobuf (${mb(heapLimit)}), ${when}`,
      mb,
      `; main thread after a GC, typed-array buffers included, ${pair.framesDrawn} frames drawn`,
      '–',
    );
  }
  const targetTable = table(['target (issue 9)', 'measured', ''], targetRows);

  const inputRows = report.inputs.map((i) => [
    i.size,
    `${i.spec.samples.toLocaleString('en')} samples, ${i.spec.stacks.toLocaleString('en')} distinct stacks, ${i.spec.functions.toLocaleString('en')} functions, depth ~${i.spec.depth}`,
    i.samples.join(' → '),
    i.rawBytes.map((b) => (b / 1e6).toFixed(1)).join(' → ') + ' MB',
  ]);
  const inputTable = table(['size', 'generated (last snapshot)', 'samples per snapshot', 'raw protobuf per snapshot'], inputRows);

  const load = `load average ${report.loadAverage.start.map((v) => v.toFixed(1)).join('/')} at the start, ${report.loadAverage.end.map((v) => v.toFixed(1)).join('/')} at the end`;
  const header = `Benchmark of ${report.date.slice(0, 16).replace('T', ' ')} UTC on ${report.machine}; ${load}; ${report.durationS.toFixed(0)} s in all.`;
  const browserNote = report.browser.skipped ? `Browser stage skipped: ${report.browser.skipped}` : '';
  const notes = [
    'Medians of several runs after warm-up runs. "CPU" is user+system time of the measuring process (GC threads included): on a busy shared machine it is steadier than wall time.',
    'Speed-up = reference time / our time, both measured in the same process on the same bytes, runs interleaved. Diff, call tree and trend have no pprof-format equivalent; their reference is what merely parsing their inputs with pprof-format costs at the rate measured in this run.',
    'Peak RSS Δ: highest resident set during a run minus just before it; retained: JS heap plus typed-array buffers still held by the result after a GC (for decode: the model). Runs before this column counted buffers are marked "JS heap only".',
  ];
  const cliRows: string[][] = [];
  if (report.cli) {
    const c = report.cli;
    cliRows.push([c.ours.command, c.ours.error ? `failed: ${c.ours.error}` : `${ms(c.ours.medianWallMs)} (${c.ours.runs.length} runs)`, mb(c.ours.medianMaxRssMB)]);
    if (c.reference) cliRows.push([c.reference.command, c.reference.error ? `failed: ${c.reference.error}` : `${ms(c.reference.medianWallMs)} (${c.reference.runs.length} run)`, mb(c.reference.medianMaxRssMB)]);
  }
  const cliTable = cliRows.length ? table(['command (GNU time -v)', 'wall', 'max RSS'], cliRows) : '';

  const markdown = [
    '# Benchmark results',
    '',
    `Produced by \`npm run bench\` (bench/run.ts). ${header}`,
    '',
    '## Inputs (generated Go-like heap profiles, pprof-format encoder)',
    '',
    inputTable,
    '',
    '## Node stages',
    '',
    nodeTable,
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    '## Scaling (small → medium → large)',
    '',
    scalingTable,
    '',
    '## CLI',
    '',
    cliTable,
    '',
    '## Targets',
    '',
    browserNote,
    '',
    targetTable,
    '',
  ].join('\n');
  return { console: markdown, markdown };
}
