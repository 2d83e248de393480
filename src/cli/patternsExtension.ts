// Leak patterns in `diff`: "patterns":[ids] on each matching function of --json, a top-level
// "suspects" list sorted by delta, and the suspects printed before the human-readable table.
import { growthFromStackValues } from '../patterns/growth.ts';
import { matchLeakPatterns, patternsByFunction } from '../patterns/match.ts';
import { rankSuspects } from '../patterns/suspects.ts';
import type { PatternId, Suspect } from '../patterns/types.ts';
import { formatPercent, formatSignedDelta } from '../profile/units.ts';
import type { DiffExtension } from './diffExtensions.ts';
import type { DiffReportInput } from './diffReport.ts';
import { exactInteger } from './topReport.ts';

interface PatternReport {
  readonly byFunction: Map<string, PatternId[]>;
  readonly suspects: readonly Suspect[];
}

const cache = new WeakMap<DiffReportInput, PatternReport>();

function patternReport(input: DiffReportInput): PatternReport {
  let r = cache.get(input);
  if (!r) {
    const result = matchLeakPatterns(growthFromStackValues(input.values, input.base, input.next));
    r = { byFunction: patternsByFunction(result), suspects: rankSuspects(result) };
    cache.set(input, r);
  }
  return r;
}

const UNCLASSIFIED_SHOWN = 10;

function share(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function suspectJson(s: Suspect) {
  return {
    pattern: s.pattern,
    function: s.function,
    delta: exactInteger(s.delta),
    share: share(s.share),
    stack: s.stack,
    caller: s.caller,
    base: exactInteger(s.base),
    new: exactInteger(s.next),
    confidence: share(s.confidence),
    patterns: s.candidates.map((c) => c.pattern),
    reason: s.reason,
    evidence: s.evidence,
  };
}

export const patternsExtension: DiffExtension = {
  id: 'patterns',
  extendJson(report, input) {
    const { byFunction, suspects } = patternReport(input);
    const classified = suspects.filter((s) => s.pattern !== null);
    const unclassified = suspects.filter((s) => s.pattern === null).slice(0, UNCLASSIFIED_SHOWN);
    return {
      ...report,
      functions: report.functions.map((f) => {
        const ids = byFunction.get(f.name);
        return ids && ids.length > 0 ? { ...f, patterns: ids } : f;
      }),
      suspects: classified.map(suspectJson),
      unclassified: unclassified.map((s) => ({ function: s.function, delta: exactInteger(s.delta), share: share(s.share), stack: s.stack })),
    };
  },
  textBefore(report, input) {
    const { suspects } = patternReport(input);
    const unit = report.sampleType.unit;
    const shown = suspects.filter((s) => s.pattern !== null).slice(0, 10);
    if (shown.length === 0) return suspects.length > 0 ? 'Leak suspects: none of the growth matches a known leak pattern\n\n' : '';
    const lines = ['Leak suspects (largest growth first):'];
    shown.forEach((s, i) => {
      lines.push(
        `${String(i + 1).padStart(3)}. ${s.pattern}  ${formatSignedDelta(s.delta, unit)} (${formatPercent(s.share, 1)} of growth)  ${s.function}${s.caller ? ` in ${s.caller}` : ''}`,
      );
      lines.push(`     ${s.reason}`);
    });
    return `${lines.join('\n')}\n\n`;
  },
};
