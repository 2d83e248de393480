// `diff BASE NEW`: what changed between two profiles, as go tool pprof -diff_base; can gate CI.
import { diffProfiles } from '../../diff/diffProfiles.ts';
import type { StackValues } from '../../diff/stackValues.ts';
import { exceedsAmount, formatPercent, formatSignedDelta, formatValue, parseAmount, type Amount } from '../../profile/units.ts';
import { parseCommandArgs, stringOption } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { diffExtensions } from '../diffExtensions.ts';
import { applyFilterFlags, filterOptionSpec, filterUsage, readFilterFlags } from '../filterFlags.ts';
import { buildDiffJson, buildDiffReportInput, type DiffJson, type DiffReportInput } from '../diffReport.ts';
import { CliFailure, EXIT_BAD_INPUT, EXIT_GROWTH, EXIT_OK, type CliIo } from '../io.ts';
import { loadProfiles } from '../loadProfile.ts';
import { formatTable } from '../table.ts';

const usage =
  `diff BASE NEW [--sample-type TYPE] [--normalize] ${filterUsage} [--json] [--fail-on-growth AMOUNT] [--limit N]`;

const DEFAULT_TEXT_ROWS = 30;

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'what grew and shrank from BASE to NEW (go tool pprof -diff_base); --fail-on-growth gates CI',
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(
      args,
      {
        'sample-type': { type: 'string' },
        normalize: { type: 'boolean' },
        ...filterOptionSpec,
        json: { type: 'boolean' },
        'fail-on-growth': { type: 'string' },
        limit: { type: 'string' },
      },
      usage,
    );
    if (parsed.positionals.length !== 2) throw new CliFailure(EXIT_BAD_INPUT, `diff needs a base and a new profile\nusage: ${usage}`);
    // Check every flag before the (possibly slow) decode.
    let amount: Amount | undefined;
    const amountText = stringOption(parsed, 'fail-on-growth');
    if (amountText !== undefined) {
      const result = parseAmount(amountText);
      if (!result.ok) throw new CliFailure(EXIT_BAD_INPUT, `--fail-on-growth: ${result.error}`);
      amount = result.amount;
    }
    const filters = readFilterFlags(parsed);
    const limitText = stringOption(parsed, 'limit');
    const limit = limitText === undefined ? DEFAULT_TEXT_ROWS : Number(limitText);
    if (!Number.isInteger(limit) || limit < 0) throw new CliFailure(EXIT_BAD_INPUT, `--limit: "${limitText}" is not a whole number`);

    const [base, next] = await loadProfiles(parsed.positionals, io);
    const diff = diffProfiles(base, next, {
      sampleType: stringOption(parsed, 'sample-type'),
      normalize: parsed.values.normalize === true,
    });
    const values: StackValues = applyFilterFlags(diff, filters);

    const input = buildDiffReportInput(base, next, values);
    const extensionFailed = (id: string, e: unknown): void => {
      io.stderr(`warning: the ${id} part of the report failed and is left out (${e instanceof Error ? e.message : String(e)})\n`);
    };
    const report = buildDiffJson(input, extensionFailed);
    // An amount that does not fit the unit is bad input: refuse before printing anything.
    const growth = amount ? growthVerdict(report, amount) : undefined;
    if (parsed.values.json) io.stdout(`${JSON.stringify(report)}\n`);
    else io.stdout(formatDiffText(report, input, limit, extensionFailed));
    for (const w of values.warnings) io.stderr(`warning: ${w.message}\n`);

    if (growth && values.normalized) {
      io.stderr('warning: --normalize makes both totals equal, so --fail-on-growth compares equal totals; gate without --normalize\n');
    }
    if (growth?.exceeds) {
      reportGrowth(report, growth.limit, io);
      return EXIT_GROWTH;
    }
    return EXIT_OK;
  },
};

function growthVerdict(report: DiffJson, amount: Amount): { exceeds: boolean; limit: string } {
  const verdict = exceedsAmount(report.new.total - report.base.total, report.base.total, amount, report.sampleType.unit);
  if (!verdict.ok) throw new CliFailure(EXIT_BAD_INPUT, `--fail-on-growth: ${verdict.error} (${report.sampleType.type})`);
  return verdict;
}

function reportGrowth(report: DiffJson, limit: string, io: CliIo): void {
  const unit = report.sampleType.unit;
  const growth = report.new.total - report.base.total;
  io.stderr(
    `${report.sampleType.type} grew by ${formatSignedDelta(growth, unit)} (${formatPercent(growth, report.base.total, true)}), ` +
      `more than the allowed ${limit}: ${formatValue(report.base.total, unit)} \u2192 ${formatValue(report.new.total, unit)}\n`,
  );
}

export function formatDiffText(
  report: DiffJson,
  input: DiffReportInput,
  limit: number,
  onExtensionError?: (id: string, error: unknown) => void,
): string {
  const unit = report.sampleType.unit;
  const parts: string[] = [];
  for (const extension of diffExtensions) {
    let text: string | undefined;
    try {
      text = extension.textBefore?.(report, input);
    } catch (e) {
      if (!onExtensionError) throw e;
      onExtensionError(extension.id, e);
    }
    if (text) parts.push(text.endsWith('\n') ? text : `${text}\n`);
  }
  parts.push(
    `${report.base.file} \u2192 ${report.new.file}: ${report.sampleType.type}` +
      (report.normalized ? ` (normalized: new values \u00d7${input.values.normalizeRatio.toPrecision(4)} so both totals match, as pprof -normalize)` : '') +
      '\n\n',
  );
  // Biggest changes either way first (the JSON keeps pprof's flat-delta order).
  const changed = report.functions
    .filter((f) => f.flatDelta !== 0 || f.cumDelta !== 0)
    .sort((a, b) => Math.abs(b.flatDelta) - Math.abs(a.flatDelta) || Math.abs(b.cumDelta) - Math.abs(a.cumDelta));
  const shown = changed.slice(0, limit);
  const rows = shown.map((f) => [
    formatSignedDelta(f.flatDelta, unit),
    `${formatValue(f.flatBase, unit)} \u2192 ${formatValue(f.flatNew, unit)}`,
    formatSignedDelta(f.cumDelta, unit),
    `${formatValue(f.cumBase, unit)} \u2192 ${formatValue(f.cumNew, unit)}`,
    f.name,
  ]);
  if (rows.length > 0) parts.push(formatTable(['flat \u0394', 'flat base \u2192 new', 'cum \u0394', 'cum base \u2192 new', 'function'], rows, new Set([4])));
  else parts.push('no function changed\n');
  if (changed.length > shown.length) parts.push(`\u2026 ${changed.length - shown.length} more changed functions (--limit N or --json for all)\n`);
  const growth = report.new.total - report.base.total;
  parts.push(
    `\ntotal: ${formatValue(report.base.total, unit)} \u2192 ${formatValue(report.new.total, unit)} ` +
      `(${formatSignedDelta(growth, unit)}, ${formatPercent(growth, report.base.total, true)})\n`,
  );
  return parts.join('');
}
