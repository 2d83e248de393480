// Facts about the whole diff that single-stack rules need: do goroutines grow, which goroutine bodies
// and creators grow, which functions create timers, which functions hold a doubling map-bucket array.
import { frameTraits } from './frameTraits.ts';
import { buildStackView, callerOf, outermost, type StackView } from './stackView.ts';
import type { Companions, GrowthInput, SizeClass } from './types.ts';

export interface MatchContext {
  readonly input: GrowthInput;
  readonly isGoroutineProfile: boolean;
  /** inuse_* (what is held now) rather than alloc_* (cumulative since process start). */
  readonly isInuse: boolean;
  /** runtime.malg grows (heap) or parked goroutines grow (goroutine profile or companion). */
  readonly goroutinesGrow: boolean;
  /** New goroutine descriptors in the heap diff (Δ inuse_objects of runtime.malg); 0 when unknown. */
  readonly newGoroutines: number;
  /** How many more goroutines are parked, when a goroutine profile tells (own or companion). */
  readonly parkedGrowth: number;
  /** Goroutine start functions whose allocations or parked counts grow. */
  readonly growingBodies: ReadonlySet<string>;
  /** Enclosing function of a growing closure goroutine body -> that body ("main.subscribe" -> "main.subscribe.func1"). */
  readonly creators: ReadonlyMap<string, string>;
  /** Functions that call into time.NewTicker/NewTimer/After/Tick/AfterFunc where that grows -> the timer frame. */
  readonly timerCallers: ReadonlyMap<string, string>;
  /** Functions calling into context.With… where that grows. */
  readonly contextCallers: ReadonlySet<string>;
  /** A cancelable context (WithCancel/WithTimeout/WithDeadline) grows somewhere in the diff. */
  readonly cancelableContextGrows: boolean;
  /** Functions that call sync.(*Pool).Get anywhere in the two profiles. */
  readonly poolCallers: ReadonlySet<string>;
  /** Functions whose own allocations include a map-bucket-like array that doubled: name -> "720 KiB → 2.8 MiB". */
  readonly mapOwners: ReadonlyMap<string, string>;
}

/** The largest object size present in base / new for a stack's size classes. */
function largest(sizes: readonly SizeClass[], side: 'base' | 'new'): number {
  for (const c of sizes) if ((side === 'base' ? c.objectsBase : c.objectsNew) > 0) return c.size;
  return 0;
}

/**
 * A map's bucket array doubles when the map grows (2^B buckets), and the runtime charges it to the
 * function that assigns into the map. So one large object whose size grew by an exact power of two
 * between the snapshots, held by the same stack, is the fingerprint of a growing map (slices grow by
 * 1.25x once large, which rarely lands on an exact power of two).
 */
export function doublingArray(view: StackView): { from: number; to: number } | null {
  const sizes = view.stack.sizes;
  if (!sizes || sizes.length === 0) return null;
  const to = largest(sizes, 'new');
  const top = sizes.find((c) => c.size === to);
  // A bucket array is one object (a couple while growing), not thousands of equal buffers.
  if (!top || to < 4096 || top.objectsNew > 4) return null;
  // Compare with the arrays the same stack held before: the largest first, then any other few-object size.
  const before = [largest(sizes, 'base'), ...sizes.filter((c) => c.objectsBase > 0 && c.objectsBase <= 4).map((c) => c.size)];
  for (const from of before) {
    if (from < 1024 || to < 2 * from * 0.97) continue;
    const steps = Math.log2(to / from);
    if (Math.abs(steps - Math.round(steps)) <= 0.03) return { from, to };
  }
  return null;
}

function bodyOfParked(view: StackView): string | null {
  // Goroutine profile: the leaf is runtime.gopark; the root is the goroutine's start function.
  if (!view.parked) return null;
  const root = view.frames[0];
  return root && !root.isEntry && !root.isRuntime ? root.name : null;
}

export function buildMatchContext(input: GrowthInput, views: readonly StackView[], companions: Companions = {}): MatchContext {
  const isGoroutineProfile = input.kind === 'goroutine';
  const isInuse = input.sampleType.startsWith('inuse_') || isGoroutineProfile;
  let goroutinesGrow = false;
  let parkedGrowth = 0;
  let newGoroutines = 0;
  const growingBodies = new Set<string>();
  const creators = new Map<string, string>();
  const timerCallers = new Map<string, string>();
  const mapOwners = new Map<string, string>();
  let cancelableContextGrows = false;
  const contextCallers = new Set<string>();

  const noteBody = (name: string): void => {
    growingBodies.add(name);
    const enclosing = frameTraits(name).enclosing;
    if (enclosing && !creators.has(enclosing)) creators.set(enclosing, name);
  };
  const noteTimers = (view: StackView): void => {
    const t = outermost(view, (f) => f.family === 'timer');
    if (t < 0 || outermost(view, (f) => f.family === 'context') >= 0) return;
    const c = callerOf(view, t);
    if (c >= 0 && !timerCallers.has(view.names[c])) timerCallers.set(view.names[c], view.names[t]);
  };
  const scanGoroutines = (vs: readonly StackView[]): void => {
    for (const v of vs) {
      if (v.delta <= 0) continue;
      const body = bodyOfParked(v);
      if (body) {
        parkedGrowth += v.delta;
        goroutinesGrow = true;
        noteBody(body);
      }
    }
  };

  if (isGoroutineProfile) scanGoroutines(views);
  else if (companions.goroutines) {
    scanGoroutines(companions.goroutines.stacks.map((s, i) => buildStackView(i, s)));
  }
  const heapViews = isGoroutineProfile ? (companions.heap ? companions.heap.stacks.map((s, i) => buildStackView(i, s)) : []) : views;
  for (const v of heapViews) {
    if (v.delta <= 0) continue;
    if (v.frames.some((f) => f.family === 'goroutine-stack')) {
      goroutinesGrow = true;
      if (v.objectsDelta !== null && v.objectsDelta > 0 && input.sampleType.startsWith('inuse_')) newGoroutines += v.objectsDelta;
    }
    if (v.isGoroutineBody && v.frames.length > 0) noteBody(v.names[0]);
    noteTimers(v);
    if (v.frames.some((f) => f.family === 'context' && /^(WithCancel|WithTimeout|WithDeadline|WithCancelCause|WithTimeoutCause|WithDeadlineCause|propagateCancel|withCancel)$/.test(f.func))) {
      cancelableContextGrows = true;
    }
    const c = outermost(v, (f) => f.family === 'context');
    if (c >= 0) {
      const caller = callerOf(v, c);
      if (caller >= 0) contextCallers.add(v.names[caller]);
    }
    const leaf = v.frames[v.frames.length - 1];
    if (leaf && !leaf.isStdlib && !leaf.isEntry) {
      const d = doublingArray(v);
      if (d) mapOwners.set(leaf.name, `${d.from} → ${d.to}`);
    }
  }
  return {
    input,
    isGoroutineProfile,
    isInuse,
    goroutinesGrow,
    newGoroutines,
    parkedGrowth,
    growingBodies,
    creators,
    timerCallers,
    cancelableContextGrows,
    contextCallers,
    poolCallers: new Set(input.poolCallers ?? []),
    mapOwners,
  };
}
