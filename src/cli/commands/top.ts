// `top FILE`: per-function flat and cum of one profile, like go tool pprof -top -nodecount=0.
import { profileStackValues } from '../../diff/stackValues.ts';
import { formatPercent, formatValue } from '../../profile/units.ts';
import { parseCommandArgs, stringOption } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { applyFilterFlags, filterOptionSpec, filterUsage, readFilterFlags } from '../filterFlags.ts';
import { CliFailure, EXIT_BAD_INPUT, EXIT_OK } from '../io.ts';
import { loadProfile } from '../loadProfile.ts';
import { formatTable } from '../table.ts';
import { buildTopJson, type TopJson } from '../topReport.ts';

const usage = `top FILE [--sample-type TYPE] ${filterUsage} [--json]`;

export const topCommand: CliCommand = {
  name: 'top',
  summary: 'per-function flat and cum values of one profile (go tool pprof -top)',
  usage,
  run(args, io) {
    const parsed = parseCommandArgs(args, { 'sample-type': { type: 'string' }, ...filterOptionSpec, json: { type: 'boolean' } }, usage);
    if (parsed.positionals.length !== 1) throw new CliFailure(EXIT_BAD_INPUT, `top needs exactly one profile file\nusage: ${usage}`);
    const filters = readFilterFlags(parsed);
    const profile = loadProfile(parsed.positionals[0], io);
    const values = applyFilterFlags(profileStackValues(profile, stringOption(parsed, 'sample-type')), filters);
    const report = buildTopJson(profile, values);
    if (parsed.values.json) {
      io.stdout(`${JSON.stringify(report)}\n`);
    } else {
      io.stdout(formatTopText(report));
    }
    for (const w of values.warnings) io.stderr(`warning: ${w.message}\n`);
    return EXIT_OK;
  },
};

export function formatTopText(report: TopJson): string {
  const unit = report.sampleType.unit;
  const head =
    `${report.file}: ${report.kind} profile (${report.format}), ${report.sampleType.type}\n` +
    `total ${formatValue(report.total, unit)}, ${report.functions.length} functions\n\n`;
  const rows = report.functions.map((f) => [
    formatValue(f.flat, unit),
    formatPercent(f.flat, report.total),
    formatValue(f.cum, unit),
    formatPercent(f.cum, report.total),
    f.name,
  ]);
  return head + formatTable(['flat', 'flat%', 'cum', 'cum%', 'function'], rows, new Set([4]));
}
