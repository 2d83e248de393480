// Runs the leak rules over every growing stack of a diff: pure, no I/O, cached per frame name
// (frameTraits). Also answers "which patterns does this function / this call-tree node show".
import { buildMatchContext, type MatchContext } from './matchContext.ts';
import { LEAK_RULES, type LeakRule } from './rules.ts';
import { buildStackView, type StackView } from './stackView.ts';
import type { Companions, GrowthInput, PatternId, PatternMatch, StackMatches } from './types.ts';

export interface MatchOptions {
  /** Profiles loaded beside the diff (a goroutine diff beside a heap diff, or the reverse). */
  readonly companions?: Companions;
  readonly rules?: readonly LeakRule[];
}

export interface MatchResult {
  readonly input: GrowthInput;
  readonly views: readonly StackView[];
  readonly context: MatchContext;
  /** One entry per growing stack that matched at least one rule, in input order. */
  readonly matches: readonly StackMatches[];
  /** Sum of the deltas of all growing stacks. */
  readonly totalGrowth: number;
}

function ruleApplies(rule: LeakRule, input: GrowthInput): boolean {
  const kind = input.kind === 'unknown' ? (input.sampleType === 'goroutine' ? 'goroutine' : 'heap') : input.kind;
  return rule.kinds.includes(kind) && rule.sampleTypes.includes(input.sampleType);
}

export function matchLeakPatterns(input: GrowthInput, options: MatchOptions = {}): MatchResult {
  const views = input.stacks.map((s, i) => buildStackView(i, s));
  const context = buildMatchContext(input, views, options.companions);
  const rules = (options.rules ?? LEAK_RULES).filter((r) => ruleApplies(r, input));
  const matches: StackMatches[] = [];
  let totalGrowth = 0;
  for (const view of views) {
    if (view.delta <= 0) continue;
    totalGrowth += view.delta;
    const found: PatternMatch[] = [];
    for (const rule of rules) {
      const m = rule.match(view, context);
      // A pattern never shows at a frame that merely sits above everything (main.main, runtime.main …).
      if (m && !view.frames[m.frameIndex]?.isEntry) {
        found.push({ ...m, patternFrames: m.patternFrames.filter((i) => !view.frames[i]?.isEntry) });
      }
    }
    if (found.length > 0) {
      found.sort((a, b) => b.confidence - a.confidence);
      matches.push({ stack: view.index, matches: found });
    }
  }
  return { input, views, context, matches, totalGrowth };
}

function addTo<K>(map: Map<K, Map<PatternId, number>>, key: K, pattern: PatternId, confidence: number): void {
  let m = map.get(key);
  if (!m) {
    m = new Map();
    map.set(key, m);
  }
  m.set(pattern, Math.max(m.get(pattern) ?? 0, confidence));
}

function ordered<K>(map: Map<K, Map<PatternId, number>>): Map<K, PatternId[]> {
  const out = new Map<K, PatternId[]>();
  for (const [k, m] of map) out.set(k, [...m.entries()].sort((a, b) => b[1] - a[1]).map(([p]) => p));
  return out;
}

/** Function name -> patterns whose frames it is (for `diff --json` and the details panel), best first. */
export function patternsByFunction(result: MatchResult): Map<string, PatternId[]> {
  const acc = new Map<string, Map<PatternId, number>>();
  for (const sm of result.matches) {
    const view = result.views[sm.stack];
    for (const m of sm.matches) for (const i of m.patternFrames) addTo(acc, view.names[i], m.pattern, m.confidence);
  }
  return ordered(acc);
}

/** The key of a call-tree node: its path of function names from the root, joined by newlines. */
export function pathKey(namesRootToNode: readonly string[]): string {
  return namesRootToNode.join('\n');
}

/** Below this confidence a candidate is listed on its suspect but gets no flame graph marker. */
export const MARKER_MIN_CONFIDENCE = 0.5;

/** pathKey(node) -> patterns shown at that node, for flame graph markers. */
export function patternsByPath(result: MatchResult): Map<string, PatternId[]> {
  const acc = new Map<string, Map<PatternId, number>>();
  for (const sm of result.matches) {
    const view = result.views[sm.stack];
    for (const m of sm.matches) {
      if (m.confidence < MARKER_MIN_CONFIDENCE) continue;
      for (const i of m.patternFrames) addTo(acc, pathKey(view.names.slice(0, i + 1)), m.pattern, m.confidence);
    }
  }
  return ordered(acc);
}
