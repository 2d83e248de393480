// Leak suspects: the growing stacks folded by (pattern, frame where it shows) — or by function for
// unclassified growth — ranked by growth, or by trend when 3+ snapshots give one.
import { formatSignedDelta } from '../profile/units.ts';
import type { MatchResult } from './match.ts';
import { callerOf } from './stackView.ts';
import type { Evidence, FunctionTrend, PatternId, PatternMatch, Suspect, SuspectCandidate } from './types.ts';

export interface RankOptions {
  /** Function name -> trend over the loaded snapshots (src/trend); ranks by trend when given. */
  readonly trends?: ReadonlyMap<string, FunctionTrend>;
  /** Keep at most this many suspects. */
  readonly limit?: number;
}

interface Group {
  pattern: PatternId | null;
  function: string;
  base: number;
  next: number;
  delta: number;
  stackCount: number;
  top: { delta: number; stack: number; match: PatternMatch | null };
  candidates: Map<PatternId, number>;
  evidence: Evidence[];
}

export function trendText(t: FunctionTrend, unit: string): string {
  return `grew in ${t.grewIntervals} of ${t.intervals} intervals, ${formatSignedDelta(t.slopePerMinute, unit)}/${t.perSnapshot ? 'snapshot' : 'min'}`;
}

function trendScore(t: FunctionTrend | undefined): number {
  if (!t || t.intervals === 0) return -1;
  return t.grewIntervals / t.intervals;
}

export function rankSuspects(result: MatchResult, options: RankOptions = {}): Suspect[] {
  const byStack = new Map(result.matches.map((m) => [m.stack, m.matches]));
  const groups = new Map<string, Group>();
  for (const view of result.views) {
    if (view.delta <= 0) continue;
    const matches = byStack.get(view.index);
    const primary = matches?.[0] ?? null;
    let fn: string;
    if (primary) fn = view.names[primary.frameIndex];
    else {
      const i = view.owner >= 0 ? view.owner : view.names.length - 1;
      fn = view.names[i] ?? '(empty stack)';
    }
    const key = `${primary?.pattern ?? ''}\u0000${fn}`;
    let g = groups.get(key);
    if (!g) {
      g = { pattern: primary?.pattern ?? null, function: fn, base: 0, next: 0, delta: 0, stackCount: 0, top: { delta: -Infinity, stack: view.index, match: primary }, candidates: new Map(), evidence: [] };
      groups.set(key, g);
    }
    g.base += view.stack.base;
    g.next += view.stack.next;
    g.delta += view.delta;
    g.stackCount++;
    if (view.delta > g.top.delta) g.top = { delta: view.delta, stack: view.index, match: primary };
    for (const m of matches ?? []) g.candidates.set(m.pattern, Math.max(g.candidates.get(m.pattern) ?? 0, m.confidence));
    if (primary && g.evidence.length < 4) {
      for (const e of primary.evidence) if (g.evidence.length < 4 && !g.evidence.some((x) => x.text === e.text)) g.evidence.push(e);
    }
  }

  const total = result.totalGrowth;
  const unit = result.input.unit;
  const suspects: Suspect[] = [];
  for (const g of groups.values()) {
    const view = result.views[g.top.stack];
    const m = g.top.match;
    const anchor = m ? m.frameIndex : view.names.lastIndexOf(g.function);
    const caller = anchor >= 0 ? callerOf(view, anchor) : -1;
    const candidates: SuspectCandidate[] = [...g.candidates.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([pattern, confidence]) => ({ pattern, confidence }));
    // The group's own pattern leads even if another stack of it scored a secondary pattern higher.
    if (g.pattern) {
      const own = candidates.findIndex((c) => c.pattern === g.pattern);
      if (own > 0) candidates.unshift(...candidates.splice(own, 1));
    }
    const trend = options.trends?.get(g.function) ?? options.trends?.get(view.names[view.names.length - 1]);
    suspects.push({
      pattern: g.pattern,
      candidates,
      function: g.function,
      caller: caller >= 0 ? view.names[caller] : null,
      base: g.base,
      next: g.next,
      delta: g.delta,
      share: total > 0 ? g.delta / total : 0,
      confidence: g.pattern ? (g.candidates.get(g.pattern) ?? 0) : 0,
      stack: view.names,
      stackCount: g.stackCount,
      reason: m ? m.reason : `${g.function} grew by ${formatSignedDelta(g.delta, unit)}; no known leak pattern matches its stacks`,
      evidence: g.evidence,
      ...(trend ? { trend, trendText: trendText(trend, unit) } : {}),
    });
  }
  const byTrend = options.trends !== undefined && suspects.some((s) => s.trend !== undefined);
  suspects.sort((a, b) => {
    if (byTrend) {
      const d = trendScore(b.trend) - trendScore(a.trend);
      if (d !== 0) return d;
      const sa = a.trend?.slopePerMinute ?? -Infinity;
      const sb = b.trend?.slopePerMinute ?? -Infinity;
      if (sa !== sb) return sb - sa;
    }
    return b.delta - a.delta || b.confidence - a.confidence || a.function.localeCompare(b.function);
  });
  return options.limit !== undefined ? suspects.slice(0, options.limit) : suspects;
}

/** Suspects folded by pattern (null = unclassified growth), largest first: for the panel's summary line. */
export function suspectsByPattern(suspects: readonly Suspect[]): { pattern: PatternId | null; delta: number; share: number; count: number }[] {
  const acc = new Map<PatternId | null, { pattern: PatternId | null; delta: number; share: number; count: number }>();
  for (const s of suspects) {
    const a = acc.get(s.pattern) ?? { pattern: s.pattern, delta: 0, share: 0, count: 0 };
    a.delta += s.delta;
    a.share += s.share;
    a.count++;
    acc.set(s.pattern, a);
  }
  return [...acc.values()].sort((a, b) => b.delta - a.delta);
}
