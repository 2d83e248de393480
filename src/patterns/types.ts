// The vocabulary of leak-pattern matching: what the matcher reads (stacks of a diff with their growth)
// and what it reports (matches with evidence, suspects). Plain data, no behaviour.
import type { ProfileKind } from '../profile/model.ts';

export type PatternId =
  | 'closure-capture'
  | 'syncpool-escape'
  | 'timer-leak'
  | 'goroutine-leak'
  | 'slice-retention'
  | 'map-cache'
  | 'context-leak'
  | 'http-body-leak'
  | 'finalizer-leak'
  | 'cgo-leak'
  | 'unbounded-channel';

export const PATTERN_IDS: readonly PatternId[] = [
  'closure-capture',
  'syncpool-escape',
  'timer-leak',
  'goroutine-leak',
  'slice-retention',
  'map-cache',
  'context-leak',
  'http-body-leak',
  'finalizer-leak',
  'cgo-leak',
  'unbounded-channel',
];

export function isPatternId(value: string): value is PatternId {
  return (PATTERN_IDS as readonly string[]).includes(value);
}

/** Objects of one size (the runtime's `bytes` label) held by one stack, in base and new. */
export interface SizeClass {
  readonly size: number;
  readonly objectsBase: number;
  readonly objectsNew: number;
}

/**
 * One stack of a diff, root → leaf, with the shown sample type in base and new and, for heap
 * profiles, the matching object count (inuse_objects beside inuse_space) and the object sizes.
 */
export interface GrowthStack {
  readonly frames: readonly string[];
  readonly base: number;
  readonly next: number;
  /** Object counts of the companion type (…_objects for …_space); undefined when the profile has none. */
  readonly objectsBase?: number;
  readonly objectsNew?: number;
  /** Bytes of the companion type (…_space for …_objects); undefined when the profile has none. */
  readonly spaceBase?: number;
  readonly spaceNew?: number;
  /** Distinct object sizes, largest first; empty when unknown. */
  readonly sizes?: readonly SizeClass[];
  /** Goroutine profiles from `?debug=2` text: the wait state ("chan receive") and creator, from labels. */
  readonly waitState?: string;
  readonly createdBy?: string;
}

export interface GrowthInput {
  readonly kind: ProfileKind;
  /** e.g. inuse_space, goroutine. */
  readonly sampleType: string;
  readonly unit: string;
  readonly stacks: readonly GrowthStack[];
  /** Functions that call sync.(*Pool).Get in either profile, growing or not (pool users). */
  readonly poolCallers?: readonly string[];
}

/** Something loaded beside the diff that a rule may use as extra evidence. */
export interface Companions {
  /** A goroutine diff from the same moments as a heap diff. */
  readonly goroutines?: GrowthInput;
  /** A heap diff from the same moments as a goroutine diff. */
  readonly heap?: GrowthInput;
}

export interface Evidence {
  /** Frames the evidence is about, outermost first. */
  readonly frames: readonly string[];
  /** What was seen, with the numbers. */
  readonly text: string;
}

export interface PatternMatch {
  readonly pattern: PatternId;
  /** 0..1: how sure the rule is, given what a profile can show. */
  readonly confidence: number;
  /** Index into the stack's frames (root → leaf) of the frame where the pattern shows. */
  readonly frameIndex: number;
  /** Indices of all frames that belong to the pattern (e.g. time.After → time.NewTimer → time.startTimer). */
  readonly patternFrames: readonly number[];
  /** One line a Go engineer can act on. */
  readonly reason: string;
  readonly evidence: readonly Evidence[];
}

export interface StackMatches {
  /** Index into GrowthInput.stacks. */
  readonly stack: number;
  /** Best first. */
  readonly matches: readonly PatternMatch[];
}

/** Per-function trend over 3+ snapshots (from src/trend), as far as suspects need it. */
export interface FunctionTrend {
  /** Intervals in which the value grew, of `intervals`. */
  readonly grewIntervals: number;
  readonly intervals: number;
  /** Growth per minute in the sample type's unit (per snapshot when `perSnapshot`). */
  readonly slopePerMinute: number;
  /** The profiles carry no times, so the slope is per snapshot, not per minute. */
  readonly perSnapshot?: boolean;
  readonly values?: readonly number[];
}

export interface SuspectCandidate {
  readonly pattern: PatternId;
  readonly confidence: number;
}

export interface Suspect {
  /** The pattern the evidence favours; null for unclassified growth. */
  readonly pattern: PatternId | null;
  /** Every pattern that matched, best first (empty for unclassified growth). */
  readonly candidates: readonly SuspectCandidate[];
  /** The frame where the pattern shows (for unclassified growth: the function holding the growth). */
  readonly function: string;
  /** The frame calling into `function` (usually the code to fix), when there is one. */
  readonly caller: string | null;
  readonly base: number;
  readonly next: number;
  readonly delta: number;
  /** delta / total growth of the diff (sum of the growing stacks). */
  readonly share: number;
  readonly confidence: number;
  /** Root → leaf of the stack that contributes most. */
  readonly stack: readonly string[];
  /** How many stacks of the diff fold into this suspect. */
  readonly stackCount: number;
  readonly reason: string;
  readonly evidence: readonly Evidence[];
  /** Present when the ranking used trend data; says so in `trendText`. */
  readonly trend?: FunctionTrend;
  readonly trendText?: string;
}
