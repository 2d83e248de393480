// `trend S1 S2 S3 …`: what grew steadily across several snapshots of one kind — per function, its
// flat value in each snapshot, whether it grew in every interval, and its growth per minute.
import { growthFromProfiles } from '../../patterns/growth.ts';
import { matchLeakPatterns } from '../../patterns/match.ts';
import { rankSuspects } from '../../patterns/suspects.ts';
import { trendsByFunction } from '../../patterns/trendAdapter.ts';
import type { Profile } from '../../profile/model.ts';
import { formatValue } from '../../profile/units.ts';
import { computeTrend, rowValues, TrendInputError, type TrendResult } from '../../trend/computeTrend.ts';
import { describeTrend, textSparkline } from '../../trend/describe.ts';
import { seriesFitAt } from '../../trend/fit.ts';
import { buildTrendJson, type PatternHit, type TrendJson } from '../../trend/report.ts';
import { parseCommandArgs, stringOption } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { CliFailure, EXIT_BAD_INPUT, EXIT_OK } from '../io.ts';
import { loadProfiles } from '../loadProfile.ts';
import { formatTable } from '../table.ts';

const usage = 'trend S1 S2 S3 … [--sample-type TYPE] [--json]';
const HUMAN_ROWS = 25;

export const trendCommand: CliCommand = {
  name: 'trend',
  summary: 'what grew in every snapshot: per-function values, monotonic growth and growth per minute',
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { 'sample-type': { type: 'string' }, json: { type: 'boolean' } }, usage);
    if (parsed.positionals.length < 2) {
      throw new CliFailure(EXIT_BAD_INPUT, `trend needs two or more profiles of one kind (three or more to tell a steady leak from a jump)\nusage: ${usage}`);
    }
    const profiles = await loadProfiles(parsed.positionals, io);
    let trend: TrendResult;
    try {
      trend = computeTrend(profiles, stringOption(parsed, 'sample-type'));
    } catch (e) {
      if (e instanceof TrendInputError) throw new CliFailure(EXIT_BAD_INPUT, e.message);
      throw e;
    }
    const hits = patternHits(trend, profiles);
    const report = buildTrendJson(trend, hits.hits);
    if (parsed.values.json) io.stdout(`${JSON.stringify(report)}\n`);
    else io.stdout(formatTrendText(trend, report, hits.note));
    for (const note of trend.notes) io.stderr(`note: ${note}\n`);
    return EXIT_OK;
  },
};

/**
 * Leak-pattern suspects of the first → last diff, ranked by the trend over all snapshots. Only
 * suspects a pattern names are listed (unclassified growth is the functions table itself).
 */
function patternHits(trend: TrendResult, profiles: readonly Profile[]): { hits: PatternHit[]; note: string | null } {
  const first = profiles[trend.snapshots[0].inputIndex];
  const last = profiles[trend.snapshots[trend.snapshots.length - 1].inputIndex];
  const result = matchLeakPatterns(growthFromProfiles(first, last, { sampleType: trend.sampleType.type }));
  const suspects = rankSuspects(result, { trends: trendsByFunction(trend) });
  const hits = suspects.flatMap((s) => (s.pattern === null ? [] : [{ pattern: s.pattern, function: s.function }]));
  return { hits, note: hits.length === 0 ? 'suspects: none of the growth matches a known leak pattern' : null };
}

export function formatTrendText(trend: TrendResult, report: TrendJson, suspectsNote: string | null): string {
  const unit = trend.sampleType.unit;
  const n = trend.snapshots.length;
  const out: string[] = [];
  out.push(`${trend.sampleType.type} across ${n} snapshots (${trend.timeBasis === 'minutes' ? 'by profile time' : 'in file order'}):`);
  out.push(
    formatTable(
      ['#', 'snapshot', 'time', 'total'],
      report.snapshots.map((s, i) => [String(i + 1), s.file, s.time ?? '(no time)', formatValue(s.total, unit)]),
      new Set([1, 2]),
    ),
  );
  if (report.suspects.length > 0) {
    out.push(`leak suspects (${trend.snapshots[0].fileName} → ${trend.snapshots[n - 1].fileName}, ranked by trend):`);
    for (const s of report.suspects.slice(0, 10)) {
      out.push(`  ${s.pattern.padEnd(16)} ${s.function}  ${s.values.map((v) => formatValue(v, unit)).join(' → ')}${s.monotonic ? '  (grew every time)' : ''}`);
    }
    out.push('');
  } else if (suspectsNote) {
    out.push(suspectsNote, '');
  }
  const { functions } = trend;
  const growing = Array.from(functions.order).filter((f) => functions.flatFit.score[f] > 0);
  const shown = growing.slice(0, HUMAN_ROWS);
  out.push(`functions that grew, steadiest first (flat ${trend.sampleType.type}):`);
  const rows = shown.map((f, i) => {
    const values = rowValues(functions.flat, f, n);
    const fit = seriesFitAt(functions.flatFit, f);
    return [
      String(i + 1),
      textSparkline(values),
      `${formatValue(values[0], unit)} → ${formatValue(values[n - 1], unit)}`,
      fit.monotonic ? 'yes' : 'no',
      describeTrend(fit, unit, trend.timeBasis),
      fit.r2.toFixed(2),
      functions.name[f],
    ];
  });
  out.push(formatTable(['#', 'trend', 'first → last', 'monotonic', 'growth', 'fit R²', 'function'], rows, new Set([1, 2, 4, 6])));
  if (growing.length > shown.length) out.push(`… ${growing.length - shown.length} more growing functions (--json lists every function)`);
  if (growing.length === 0) out.push('nothing grew.');
  return `${out.join('\n')}\n`;
}
