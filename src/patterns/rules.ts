// The leak rules, as data: which profile kinds and sample types each reads, which Go versions it
// covers, and a pure `match` over one stack of the diff (with whole-diff facts in the context).
// What Go heap profiles show decides what a rule may look for: runtime allocation frames (mallocgc,
// makeslice, mapassign, makechan …) are never recorded — bytes are charged to the first non-runtime
// caller — so rules key on library entry points, closure names and the shape of the growth.
import type { ProfileKind } from '../profile/model.ts';
import { formatCount, formatValue } from '../profile/units.ts';
import { EXPLANATIONS, type Explanation } from './explanations.ts';
import { isUserCode } from './frameTraits.ts';
import type { MatchContext } from './matchContext.ts';
import { callerOf, framesFrom, outermost, type StackView } from './stackView.ts';
import type { Evidence, PatternId, PatternMatch } from './types.ts';

export interface LeakRule {
  readonly id: PatternId;
  readonly title: string;
  readonly kinds: readonly ProfileKind[];
  readonly sampleTypes: readonly string[];
  /** Which Go versions the rule's evidence holds for. */
  readonly goVersions: string;
  readonly match: (view: StackView, ctx: MatchContext) => PatternMatch | null;
  readonly explanation: Explanation;
}

const HEAP: readonly ProfileKind[] = ['heap', 'allocs'];
const HEAP_TYPES = ['inuse_space', 'inuse_objects', 'alloc_space', 'alloc_objects'];

function amount(v: number, ctx: MatchContext): string {
  return formatValue(v, ctx.input.unit);
}

/** 12345.6 -> "12,346". */
function count(v: number): string {
  return formatCount(Math.round(v));
}

function bytes(v: number): string {
  return formatValue(Math.round(v), 'bytes');
}

function growthText(view: StackView, ctx: MatchContext): string {
  const objects = view.objectsDelta !== null && view.objectsDelta > 0 && ctx.input.sampleType.endsWith('_space')
    ? ` in ${count(view.objectsDelta)} objects`
    : '';
  return `+${amount(view.delta, ctx)}${objects}`;
}

function make(
  pattern: PatternId,
  confidence: number,
  frameIndex: number,
  patternFrames: readonly number[],
  reason: string,
  evidence: readonly Evidence[],
): PatternMatch {
  return { pattern, confidence: Math.max(0, Math.min(1, confidence)), frameIndex, patternFrames, reason, evidence };
}

function named(view: StackView, i: number): string {
  return i >= 0 ? view.names[i] : '(no caller)';
}

function chain(view: StackView, indices: readonly number[]): string[] {
  return indices.map((i) => view.names[i]);
}

const isParkedStack = (view: StackView): boolean => view.parked;

/** The wait a parked goroutine is in and the index of the outermost wait frame (-1 when a label says it). */
function waitOf(view: StackView): { state: string; index: number } | null {
  return view.wait;
}

/** The code a parked goroutine is in: the deepest frame above the wait that is neither runtime nor a wait. */
function parkedSite(view: StackView): number {
  const wait = waitOf(view);
  const limit = wait && wait.index >= 0 ? wait.index : view.frames.findIndex((f) => f.family === 'park');
  const end = limit < 0 ? view.frames.length : limit;
  // Prefer the user code that waits (main.worker over sync.(*Mutex).lockSlow); in library-only
  // goroutines, the goroutine itself (net/http.(*conn).serve over internal/poll.(*pollDesc).wait).
  for (let i = end - 1; i >= 0; i--) if (isUserCode(view.frames[i])) return i;
  const root = view.frames[0];
  if (root && !root.isRuntime && !root.isEntry) return 0;
  for (let i = end - 1; i >= 0; i--) {
    const f = view.frames[i];
    if (!f.isRuntime && f.waitState === null) return i;
  }
  return -1;
}

const PERIODIC = /heartbeat|ticker|tick|timer|timeout|poll|interval|periodic|keepalive|refresh|cron|every|schedul|sweep|flush/;
const REGISTRATION = /^(make|new|build|create|register|subscribe|attach|add|on[a-z]|listen|handler|handle|callback|hook|observer|observe|wrap|bind|install|with)/;
const CACHE_WORDS = /cache|memo|store|put|set|add|lookup|get|intern|register|index|record|save|remember|track|session/;
const READ_WORDS = /read|parse|load|decode|scan|fetch|recv|receive|record|chunk|frame|packet|body|file|line|split|extract|slice|token|field|key|header|message|msg/;

// ---- timer-leak ---------------------------------------------------------------------------------
function matchTimer(view: StackView, ctx: MatchContext): PatternMatch | null {
  if (ctx.isGoroutineProfile) {
    if (!isParkedStack(view)) return null;
    const wait = waitOf(view);
    // debug=1 text says no wait state; elsewhere the wait must be a receive or a select.
    const textWithoutState = !wait && !view.frames.some((f) => f.family === 'park');
    if (!textWithoutState && (!wait || !/^(chan receive|select)/.test(wait.state))) return null;
    const waitText = wait?.state ?? 'an unknown wait';
    const body = view.frames[0];
    if (!body || body.isEntry || body.isRuntime) return null;
    const creator = view.stack.createdBy ?? body.enclosing ?? body.name;
    const heapTimer = ctx.timerCallers.get(creator) ?? ctx.timerCallers.get(body.name);
    const site = parkedSite(view);
    const anchor = site >= 0 ? site : 0;
    if (heapTimer) {
      return make('timer-leak', 0.9, anchor, [anchor], `+${Math.round(view.delta)} goroutines parked in ${waitText} in ${body.name}, started by ${creator}, which creates timers (${heapTimer}) that grow in the heap diff: the ticker is never stopped, so its goroutine never exits`, [
        { frames: wait && wait.index >= 0 ? [body.name, view.names[wait.index]] : [body.name], text: `+${Math.round(view.delta)} goroutines in ${waitText}` },
        { frames: [creator, heapTimer], text: `${heapTimer} grows under ${creator} in the heap profile` },
      ]);
    }
    const short = shortNameLower(creator);
    if (PERIODIC.test(short) || PERIODIC.test(body.shortLower)) {
      return make('timer-leak', 0.88, anchor, [anchor], `+${Math.round(view.delta)} goroutines parked in ${waitText} in ${body.name} (a ticker-style loop in ${creator}): a ticker or timer that is never stopped keeps its receiving goroutine parked forever`, [
        { frames: wait && wait.index >= 0 ? [body.name, view.names[wait.index]] : [body.name], text: `+${Math.round(view.delta)} goroutines in ${waitText}; ${creator} is named like a periodic loop` },
      ]);
    }
    return null;
  }
  const t = outermost(view, (f) => f.family === 'timer');
  if (t < 0) {
    // Small objects made by the function that arms the timers: the callbacks and values the timers hold.
    const leafIsOwner = view.owner >= 0 && view.owner === view.frames.length - 1;
    const armed = leafIsOwner ? ctx.timerCallers.get(view.names[view.owner]) : undefined;
    if (armed && ctx.isInuse && (view.bytesPerObject ?? Infinity) <= 1024) {
      return make('timer-leak', 0.6, view.owner, [view.owner], `${view.names[view.owner]} also arms ${armed}: the callbacks and values each pending timer holds stay alive with it`, [
        { frames: [view.names[view.owner], armed], text: `${growthText(view, ctx)} beside growing ${armed}` },
      ]);
    }
    // Allocations inside goroutines started next to a growing ticker (their sudogs, their captured state).
    const root = view.frames[0];
    // Goroutine descriptors when every goroutine seen growing is started beside a growing ticker or
    // timer: the timers are the cause, the goroutines (parked on their channels) the symptom.
    const m = view.frames.findIndex((f) => f.family === 'goroutine-stack');
    if (m >= 0 && ctx.isInuse && ctx.creators.size > 0 && [...ctx.creators.keys()].every((c) => ctx.timerCallers.has(c))) {
      const [creator, timer] = [...ctx.creators.keys()].map((c) => [c, ctx.timerCallers.get(c) ?? ''] as const)[0];
      return make('timer-leak', 0.87, m, [m], `runtime.malg grows with goroutines that ${creator} starts beside ${timer}: tickers or timers never stopped keep their goroutines parked on the channel`, [
        { frames: [view.names[m]], text: growthText(view, ctx) },
        { frames: [creator, timer], text: `goroutines of ${creator} grow beside ${timer}` },
      ]);
    }
    if (view.isGoroutineBody && root?.enclosing && ctx.timerCallers.has(root.enclosing)) {
      return make('timer-leak', 0.74, 0, [0], `allocated by ${root.name}, a goroutine started by ${root.enclosing} beside ${ctx.timerCallers.get(root.enclosing)}: it stays alive waiting on the timer's channel`, [
        { frames: [root.enclosing, ctx.timerCallers.get(root.enclosing) ?? ''], text: 'the creating function also creates timers that grow' },
      ]);
    }
    return null;
  }
  const c = outermost(view, (f) => f.family === 'context');
  const timerFrames = framesFrom(view, t, (f) => f.family === 'timer');
  const caller = callerOf(view, t);
  if (c >= 0 && c < t) {
    // A context deadline's timer: context-leak is the cause, the timer a symptom.
    return make('timer-leak', 0.3, t, timerFrames, `${view.names[t]} armed by ${view.names[c]}: the deadline's timer lives until the context is cancelled`, [
      { frames: chain(view, [c, ...timerFrames]), text: growthText(view, ctx) },
    ]);
  }
  const isTicker = /Ticker|Tick$/.test(view.frames[t].func);
  const what = isTicker
    ? `${view.names[t]} in ${named(view, caller)} is never stopped: each ticker (and a goroutine ranging over its channel, if any) stays alive`
    : `${view.names[t]} in ${named(view, caller)}: timers stay referenced until they fire (Go < 1.23: by the runtime's timer heap; Go 1.23+: only while something still holds them)`;
  return make('timer-leak', ctx.isInuse ? 0.9 : 0.5, t, timerFrames, `${what}`, [
    { frames: chain(view, caller >= 0 ? [caller, ...timerFrames] : timerFrames), text: `${growthText(view, ctx)} held under ${view.names[t]}` },
  ]);
}

function shortNameLower(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot >= 0 ? name.slice(dot + 1) : name).replace(/[()*]/g, '').toLowerCase();
}

// ---- context-leak -------------------------------------------------------------------------------
const CANCELABLE = /^(WithCancel|WithCancelCause|withCancel|WithTimeout|WithTimeoutCause|WithDeadline|WithDeadlineCause|propagateCancel|newCancelCtx|\(\*cancelCtx\)\.(Done|propagateCancel)|AfterFunc)$/;

function matchContextLeak(view: StackView, ctx: MatchContext): PatternMatch | null {
  const c = outermost(view, (f) => f.family === 'context');
  if (c < 0) {
    // Small values made by the function that derives the leaked contexts (keys and values it attaches).
    if (ctx.isGoroutineProfile || !ctx.isInuse || view.owner !== view.frames.length - 1) return null;
    const owner = view.names[view.owner];
    if (!ctx.contextCallers.has(owner) || (view.bytesPerObject ?? Infinity) > 1024) return null;
    return make('context-leak', 0.55, view.owner, [view.owner], `${owner} also derives contexts that are never cancelled: the values it attaches to them stay alive too`, [
      { frames: [owner], text: growthText(view, ctx) },
    ]);
  }
  const ctxFrames = framesFrom(view, c, (f) => f.family === 'context' || f.family === 'timer');
  const caller = callerOf(view, c);
  if (ctx.isGoroutineProfile) {
    // propagateCancel starts a goroutine per child when the parent is not a *cancelCtx; it waits on both Done channels.
    if (!isParkedStack(view)) return null;
    return make('context-leak', 0.85, c, ctxFrames, `+${Math.round(view.delta)} goroutines parked in ${view.names[c]}: children of a custom parent context wait for a cancel that never comes`, [
      { frames: chain(view, ctxFrames), text: `+${Math.round(view.delta)} goroutines` },
    ]);
  }
  const cancelable = ctxFrames.some((i) => view.frames[i].family === 'context' && CANCELABLE.test(view.frames[i].func));
  // A library's own contexts (net/http per connection) live as long as what owns them: a symptom.
  const libraryOwned = caller >= 0 && view.frames[caller].isStdlib;
  const confidence = libraryOwned ? 0.4 : cancelable ? (ctx.isInuse ? 0.92 : 0.5) : ctx.cancelableContextGrows ? 0.7 : 0.35;
  const deadline = ctxFrames.some((i) => /^With(Timeout|Deadline)/.test(view.frames[i].func) || view.frames[i].family === 'timer');
  const reason = cancelable
    ? `${view.names[c]} in ${named(view, caller)} without calling cancel: each child stays in its parent's children map${deadline ? ' and its deadline timer stays armed' : ''} until the parent is cancelled`
    : `${view.names[c]} in ${named(view, caller)}: values hang off derived contexts that are never cancelled`;
  return make('context-leak', confidence, c, ctxFrames, reason, [
    { frames: chain(view, caller >= 0 ? [caller, ...ctxFrames] : ctxFrames), text: growthText(view, ctx) },
  ]);
}

// ---- syncpool-escape ----------------------------------------------------------------------------
function matchSyncPool(view: StackView, ctx: MatchContext): PatternMatch | null {
  const g = outermost(view, (f) => f.family === 'pool-get');
  if (g < 0) {
    // Buffers growing in a function that takes them from a pool: put back without Reset, or oversized.
    const grow = outermost(view, (f) => f.family === 'buffer-grow');
    if (grow < 0) return null;
    const caller = callerOf(view, grow);
    if (caller < 0 || !ctx.poolCallers.has(view.names[caller])) return null;
    return make('syncpool-escape', ctx.isInuse ? 0.76 : 0.6, grow, framesFrom(view, grow, (f) => f.isStdlib), `${view.names[grow]} keeps growing buffers in ${view.names[caller]}, which takes them from a sync.Pool: they are put back without Reset (or oversized) and grow on every use`, [
      { frames: [view.names[caller], 'sync.(*Pool).Get'], text: `${view.names[caller]} calls sync.(*Pool).Get` },
      { frames: chain(view, [caller, grow]), text: growthText(view, ctx) },
    ]);
  }
  const anchor = g + 1 < view.frames.length ? g + 1 : g;
  const caller = callerOf(view, g);
  const newFunc = view.names[anchor];
  return make('syncpool-escape', ctx.isInuse ? 0.92 : 0.6, anchor, [g, ...framesFrom(view, g + 1, () => true)], `${newFunc}, the pool's New, keeps allocating under sync.(*Pool).Get in ${named(view, caller)}: objects taken from the pool are kept elsewhere and never Put back${view.bytesPerObject !== null ? ` (${bytes(view.bytesPerObject)} each)` : ''}`, [
    { frames: chain(view, caller >= 0 ? [caller, g, anchor] : [g, anchor]), text: `${growthText(view, ctx)} allocated by the pool's New` },
  ]);
}

function dominantClassGrowth(view: StackView): number {
  let best = 0;
  let count = view.objectsDelta ?? 0;
  for (const c of view.stack.sizes ?? []) {
    const d = c.objectsNew - c.objectsBase;
    if (d > 0 && d * c.size > best) {
      best = d * c.size;
      count = d;
    }
  }
  return count;
}

// ---- goroutine-leak -----------------------------------------------------------------------------
function matchGoroutine(view: StackView, ctx: MatchContext): PatternMatch | null {
  if (ctx.isGoroutineProfile) {
    if (!isParkedStack(view)) return null;
    const root = view.frames[0];
    if (!root || root.isEntry) return null;
    const wait = waitOf(view);
    const site = parkedSite(view);
    const anchor = site >= 0 ? site : 0;
    const state = wait?.state ?? (view.frames.some((f) => f.family === 'park') ? 'a runtime wait' : 'a wait the profile does not name (debug=1 text)');
    // Without a wait state (debug=1 text) every goroutine but the profiler's is taken as parked.
    const confidence = wait === null ? (view.frames.some((f) => f.family === 'park') ? 0.6 : 0.8) : wait.state.startsWith('sleep') ? 0.5 : 0.86;
    return make('goroutine-leak', confidence, anchor, [anchor], `+${Math.round(view.delta)} goroutines parked in ${state} in ${view.names[anchor]}: nothing will ever wake them, so they and everything they reference stay alive`, [
      { frames: chain(view, wait && wait.index >= 0 ? [anchor, wait.index] : [anchor]), text: `${Math.round(view.stack.base)} → ${Math.round(view.stack.next)} goroutines${view.stack.createdBy ? `, created by ${view.stack.createdBy}` : ''}` },
    ]);
  }
  const m = outermost(view, (f) => f.family === 'goroutine-stack');
  if (m >= 0) {
    return make('goroutine-leak', ctx.isInuse ? 0.85 : 0.45, m, [m], `runtime.malg grows — goroutine descriptors: more goroutines exist than before (their stacks, outside the heap profile, grow too)`, [
      { frames: [view.names[m]], text: `${growthText(view, ctx)} of goroutine descriptors` },
    ]);
  }
  const a = outermost(view, (f) => f.family === 'goroutine-registry');
  if (a >= 0) {
    return make('goroutine-leak', 0.55, a, [a], `runtime.allgadd grows: the list of all goroutines grew`, [
      { frames: [view.names[a]], text: growthText(view, ctx) },
    ]);
  }
  if (!ctx.isInuse) return null;
  const root = view.frames[0];
  if (view.isGoroutineBody && root) {
    return make('goroutine-leak', ctx.goroutinesGrow ? 0.72 : 0.3, 0, [0], `held by ${root.name}, a goroutine body${ctx.goroutinesGrow ? ' — goroutines keep piling up, and each keeps what it allocated' : ''}`, [
      { frames: [root.name], text: `${growthText(view, ctx)} allocated inside the goroutine` },
    ]);
  }
  if (ctx.goroutinesGrow && view.owner >= 0) {
    const owner = view.frames[view.owner];
    const body = ctx.creators.get(owner.name);
    const g = ctx.newGoroutines;
    // Count of the size class holding most of the growth (a 16 KiB buffer per goroutine, say).
    const d = dominantClassGrowth(view);
    if (!body && !owner.isEntry && view.owner === view.frames.length - 1 && g >= 50 && d >= 0.2 * g && d <= 1.5 * g) {
      // Objects that appear in step with new goroutines: what each leaked goroutine is handed or holds.
      return make('goroutine-leak', 0.55, view.owner, [view.owner], `${owner.name} allocates in step with the new goroutines (+${count(d)} objects, +${count(g)} goroutines): likely what each goroutine that never exits holds`, [
        { frames: [owner.name, 'runtime.malg'], text: `+${Math.round(d)} objects beside +${Math.round(g)} goroutine descriptors` },
      ]);
    }
    if (body && !owner.isEntry) {
      return make('goroutine-leak', 0.76, view.owner, [view.owner], `${owner.name} starts goroutines (${body}) that never exit; what it hands them (buffers, channels, the closure) stays alive with them`, [
        { frames: [owner.name, body], text: `${body} keeps growing while goroutines pile up` },
      ]);
    }
  }
  return null;
}

// ---- slice-retention ----------------------------------------------------------------------------
function matchSliceRetention(view: StackView, ctx: MatchContext): PatternMatch | null {
  if (ctx.isGoroutineProfile) return null;
  if (view.frames.some((f) => f.family === 'http-client' || f.family === 'http')) return null;
  const bpo = view.bytesPerObject;
  const lib = outermost(view, (f) => f.family === 'read-all' || f.family === 'buffer-grow' || f.family === 'buffered-io');
  if (lib >= 0) {
    const caller = callerOf(view, lib);
    const large = bpo !== null && bpo >= 4096;
    return make('slice-retention', large ? (ctx.isInuse ? 0.72 : 0.4) : 0.4, lib, framesFrom(view, lib, (f) => f.isStdlib), `buffers from ${view.names[lib]} in ${named(view, caller)} stay alive${bpo !== null ? ` (${bytes(bpo)} each)` : ''}: a small sub-slice or substring kept elsewhere pins the whole backing array`, [
      { frames: chain(view, caller >= 0 ? [caller, lib] : [lib]), text: bpo !== null ? `${bytes(bpo)} per object` : growthText(view, ctx) },
    ]);
  }
  // Shape evidence belongs to the function the bytes are charged to: only when that is user code.
  if (view.owner !== view.frames.length - 1 || bpo === null || bpo < 8 * 1024 || !ctx.isInuse) return null;
  const owner = view.frames[view.owner];
  if (owner.isEntry || ctx.mapOwners.has(owner.name)) return null;
  const readName = READ_WORDS.test(owner.shortLower);
  return make('slice-retention', (readName ? 0.6 : 0.5) - (bpo < 16 * 1024 ? 0.05 : 0), view.owner, [view.owner], `few large objects (${bytes(bpo)} each) allocated in ${owner.name} stay alive: whole buffers retained, typically by small sub-slices or substrings kept in a long-lived index`, [
    { frames: [owner.name], text: `${bytes(bpo)} per object (Δspace / Δobjects)` },
  ]);
}

// ---- map-cache ----------------------------------------------------------------------------------
function matchMapCache(view: StackView, ctx: MatchContext): PatternMatch | null {
  if (ctx.isGoroutineProfile) return null;
  const mi = outermost(view, (f) => f.family === 'map-internal');
  if (mi >= 0) {
    const caller = callerOf(view, mi);
    const anchor = caller >= 0 ? caller : mi;
    return make('map-cache', ctx.isInuse ? 0.85 : 0.45, anchor, [anchor, ...framesFrom(view, mi, (f) => f.family === 'map-internal')], `map tables grow under ${named(view, caller)} (Go 1.24+ shows ${view.names[mi]}): a map that only ever gains keys`, [
      { frames: chain(view, [anchor, mi]), text: growthText(view, ctx) },
    ]);
  }
  const sm = outermost(view, (f) => f.family === 'sync-map');
  if (sm >= 0) {
    const caller = callerOf(view, sm);
    return make('map-cache', ctx.isInuse ? 0.82 : 0.45, sm, framesFrom(view, sm, (f) => f.isStdlib), `${view.names[sm]} in ${named(view, caller)}: entries are stored and never deleted`, [
      { frames: chain(view, caller >= 0 ? [caller, sm] : [sm]), text: growthText(view, ctx) },
    ]);
  }
  if (!ctx.isInuse || view.owner < 0) return null;
  // The function that assigns into the map holds the bucket array; values may be allocated below it.
  for (let i = view.frames.length - 1; i >= 0; i--) {
    const f = view.frames[i];
    const doubled = ctx.mapOwners.get(f.name);
    if (!doubled || f.isEntry) continue;
    const [from, to] = doubled.split(' → ').map(Number);
    const leaf = i === view.frames.length - 1;
    // Large objects below the map owner may be buffers a small key still pins (slice-retention).
    const bigObjects = !leaf && (view.bytesPerObject ?? 0) >= 8 * 1024;
    return make('map-cache', leaf ? 0.78 : bigObjects ? 0.55 : 0.74, i, leaf ? [i] : [i, view.frames.length - 1], leaf
      ? `${f.name} assigns into a map that keeps growing: its bucket array doubled (${bytes(from)} → ${bytes(to)})`
      : `values made under ${f.name}, which stores them in a map whose bucket array doubled (${bytes(from)} → ${bytes(to)}): entries are never evicted`, [
      { frames: [f.name], text: `bucket array ${bytes(from)} → ${bytes(to)} (a power-of-two step)` },
    ]);
  }
  const owner = view.frames[view.owner];
  const bpo = view.bytesPerObject;
  if (view.owner !== view.frames.length - 1 || owner.isEntry || bpo === null || bpo > 4096 || (view.objectsDelta ?? 0) < 64) return null;
  const words = CACHE_WORDS.test(owner.shortLower) || (view.owner > 0 && CACHE_WORDS.test(view.frames[view.owner - 1].shortLower));
  return make('map-cache', words ? 0.42 : 0.32, view.owner, [view.owner], `many small objects (~${bytes(bpo)} each) keep accumulating in ${owner.name}: entries of a collection that is never pruned`, [
    { frames: [owner.name], text: `+${count(view.objectsDelta ?? 0)} objects of ~${bytes(bpo)}` },
  ]);
}

// ---- closure-capture ----------------------------------------------------------------------------
function smallLargePairing(view: StackView): { small: number; large: number } | null {
  const sizes = view.stack.sizes;
  if (!sizes) return null;
  let smallCount = 0;
  let largeCount = 0;
  let small = 0;
  let large = 0;
  for (const c of sizes) {
    const d = c.objectsNew - c.objectsBase;
    if (d <= 0) continue;
    if (c.size <= 64) {
      smallCount += d;
      small = small || c.size;
    } else if (c.size >= 256) {
      largeCount += d;
      large = Math.max(large, c.size);
    }
  }
  if (smallCount === 0 || largeCount === 0) return null;
  const ratio = smallCount / largeCount;
  return ratio >= 0.33 && ratio <= 3 ? { small, large } : null;
}

function matchClosure(view: StackView, ctx: MatchContext): PatternMatch | null {
  if (ctx.isGoroutineProfile || view.owner < 0) return null;
  if (view.frames.some((f) => f.family === 'pool-get')) return null;
  const owner = view.frames[view.owner];
  if (owner.isEntry) return null;
  if (owner.isClosure) {
    const where = owner.enclosing ?? 'package scope';
    if (view.isGoroutineBody && view.owner === 0) {
      return make('closure-capture', 0.35, view.owner, [view.owner], `allocated inside the goroutine closure ${owner.name}`, [
        { frames: [owner.name], text: growthText(view, ctx) },
      ]);
    }
    const glob = owner.enclosing === null;
    return make('closure-capture', ctx.isInuse ? (glob ? 0.6 : 0.82) : 0.45, view.owner, [view.owner], `allocated inside the closure ${owner.name} (made in ${where}): state it captures keeps growing while a long-lived slice, map or callback list holds it`, [
      { frames: chain(view, [view.owner]), text: `${growthText(view, ctx)} in an anonymous function` },
    ]);
  }
  if (!ctx.isInuse || view.owner !== view.frames.length - 1) return null;
  const callbackWords =
    /handler|callback|hook|listener|observer|subscriber|processor|closure|func$|fn$/.test(owner.shortLower) ||
    /^(register|subscribe|attach|on[a-z]|listen|install|bind|observe|add(handler|listener|callback|hook|observer))/.test(owner.shortLower);
  const pair = smallLargePairing(view);
  if (!pair) {
    // Sampling (the default MemProfileRate is 512 KiB) rarely records 16-64 B closure objects; a
    // function named like a callback factory that keeps large objects is still a fair candidate.
    if (!callbackWords || (view.bytesPerObject ?? 0) < 1024) return null;
    return make('closure-capture', 0.55, view.owner, [view.owner], `${owner.name} looks like it builds callbacks, and what it allocates stays alive: a function value it returns may capture these buffers and be kept in a registry`, [
      { frames: [owner.name], text: growthText(view, ctx) },
    ]);
  }
  const registration = REGISTRATION.test(owner.shortLower) || callbackWords;
  return make('closure-capture', registration ? 0.66 : 0.52, view.owner, [view.owner], `${owner.name} allocates a small object (${pair.small} B, like a closure's captured variables) for each ${bytes(pair.large)} buffer: a function value it returns captures the buffer and is kept in a long-lived registry`, [
    { frames: [owner.name], text: `objects of ${pair.small} B and ${bytes(pair.large)} grow in step` },
  ]);
}

// ---- http-body-leak -----------------------------------------------------------------------------
function matchHttpBody(view: StackView, ctx: MatchContext): PatternMatch | null {
  const h = outermost(view, (f) => f.family === 'http-client' || (f.family === 'http' && /persistConn|Transport|body|Response/.test(f.func)));
  if (h < 0) return null;
  const caller = callerOf(view, h);
  const httpFrames = framesFrom(view, h, (f) => f.isStdlib);
  if (ctx.isGoroutineProfile) {
    if (!isParkedStack(view)) return null;
    return make('http-body-leak', 0.9, h, httpFrames, `+${Math.round(view.delta)} goroutines parked in ${view.names[h]}: each open connection keeps a read and a write loop goroutine — response bodies are not closed (or not read to the end)`, [
      { frames: chain(view, httpFrames), text: `+${Math.round(view.delta)} goroutines` },
    ]);
  }
  return make('http-body-leak', ctx.isInuse ? 0.8 : 0.45, h, httpFrames, `growth under ${view.names[h]}${caller >= 0 ? ` from ${view.names[caller]}` : ''}: connections stay open because response bodies are not closed — each keeps bufio buffers and two goroutines`, [
    { frames: chain(view, caller >= 0 ? [caller, h] : [h]), text: growthText(view, ctx) },
  ]);
}

// ---- finalizer-leak -----------------------------------------------------------------------------
function matchFinalizer(view: StackView, ctx: MatchContext): PatternMatch | null {
  const r = outermost(view, (f) => f.family === 'finalizer');
  if (r < 0) return null;
  let user = -1;
  for (let i = r + 1; i < view.frames.length; i++) if (!view.frames[i].isRuntime) { user = i; break; }
  if (user < 0) return null;
  if (ctx.isGoroutineProfile) {
    return make('finalizer-leak', 0.85, user, [user], `the finalizer goroutine is blocked in ${view.names[user]}: no other finalizer runs, so every object waiting for its finalizer stays in memory`, [
      { frames: chain(view, [r, user]), text: 'runtime.runfinq is parked inside a finalizer' },
    ]);
  }
  return make('finalizer-leak', 0.55, user, [user], `allocated by the finalizer ${view.names[user]}`, [
    { frames: chain(view, [r, user]), text: growthText(view, ctx) },
  ]);
}

// ---- cgo-leak -----------------------------------------------------------------------------------
function matchCgo(view: StackView, ctx: MatchContext): PatternMatch | null {
  const c = outermost(view, (f) => f.family === 'cgo');
  if (c < 0) return null;
  const caller = callerOf(view, c);
  return make('cgo-leak', 0.6, c, framesFrom(view, c, (f) => f.family === 'cgo'), ctx.isGoroutineProfile
    ? `+${Math.round(view.delta)} goroutines in ${view.names[c]}: calls into C that do not return`
    : `Go allocations around the cgo call ${view.names[c]}${caller >= 0 ? ` from ${view.names[caller]}` : ''}; memory C itself allocates (C.malloc, C.CString) never shows in a Go heap profile — compare RSS with HeapSys`, [
    { frames: chain(view, caller >= 0 ? [caller, c] : [c]), text: growthText(view, ctx) },
  ]);
}

// ---- unbounded-channel --------------------------------------------------------------------------
function matchUnboundedChannel(view: StackView, ctx: MatchContext): PatternMatch | null {
  if (!ctx.isGoroutineProfile || !isParkedStack(view)) return null;
  const wait = waitOf(view);
  const root = view.frames[0];
  if (!wait || !wait.state.startsWith('chan send') || !root || !root.isClosure || view.delta < 16) return null;
  return make('unbounded-channel', 0.45, 0, [0], `+${Math.round(view.delta)} goroutines each waiting to send in ${root.name}: a goroutine per message used as an unbounded queue — the receiver is gone or too slow`, [
    { frames: wait.index >= 0 ? [root.name, view.names[wait.index]] : [root.name], text: `+${Math.round(view.delta)} goroutines in chan send` },
  ]);
}

export const LEAK_RULES: readonly LeakRule[] = [
  { id: 'context-leak', title: 'Context never cancelled', kinds: [...HEAP, 'goroutine'], sampleTypes: [...HEAP_TYPES, 'goroutine'], goVersions: 'all Go versions (context.AfterFunc and WithoutCancel: 1.21+)', match: matchContextLeak, explanation: EXPLANATIONS['context-leak'] },
  { id: 'timer-leak', title: 'Timers and tickers kept alive', kinds: [...HEAP, 'goroutine'], sampleTypes: [...HEAP_TYPES, 'goroutine'], goVersions: 'Go < 1.23: any unfired timer; Go 1.23+: only timers something still references (a parked goroutine, a struct, a slice)', match: matchTimer, explanation: EXPLANATIONS['timer-leak'] },
  { id: 'syncpool-escape', title: 'sync.Pool objects that never come back', kinds: HEAP, sampleTypes: HEAP_TYPES, goVersions: 'all Go versions (1.13+: pooled objects survive one GC in the victim cache)', match: matchSyncPool, explanation: EXPLANATIONS['syncpool-escape'] },
  { id: 'http-body-leak', title: 'HTTP response bodies not closed', kinds: [...HEAP, 'goroutine'], sampleTypes: [...HEAP_TYPES, 'goroutine'], goVersions: 'all Go versions', match: matchHttpBody, explanation: EXPLANATIONS['http-body-leak'] },
  { id: 'goroutine-leak', title: 'Goroutines that never exit', kinds: [...HEAP, 'goroutine'], sampleTypes: [...HEAP_TYPES, 'goroutine'], goVersions: 'all Go versions (runtime.malg is visible because its whole stack is runtime)', match: matchGoroutine, explanation: EXPLANATIONS['goroutine-leak'] },
  { id: 'map-cache', title: 'Unbounded map used as a cache', kinds: HEAP, sampleTypes: HEAP_TYPES, goVersions: 'bucket-array doubling: Go ≤ 1.23 (classic maps); internal/runtime/maps frames: Go 1.24+ (Swiss tables)', match: matchMapCache, explanation: EXPLANATIONS['map-cache'] },
  { id: 'closure-capture', title: 'Closures keeping captured data alive', kinds: HEAP, sampleTypes: HEAP_TYPES, goVersions: 'all Go versions (closure names: pkg.fn.funcN, pkg.glob..funcN; method values: -fm)', match: matchClosure, explanation: EXPLANATIONS['closure-capture'] },
  { id: 'slice-retention', title: 'Small slices pinning large arrays', kinds: HEAP, sampleTypes: HEAP_TYPES, goVersions: 'all Go versions', match: matchSliceRetention, explanation: EXPLANATIONS['slice-retention'] },
  { id: 'finalizer-leak', title: 'Blocked or resurrecting finalizers', kinds: [...HEAP, 'goroutine'], sampleTypes: [...HEAP_TYPES, 'goroutine'], goVersions: 'all Go versions', match: matchFinalizer, explanation: EXPLANATIONS['finalizer-leak'] },
  { id: 'cgo-leak', title: 'Memory held across cgo', kinds: [...HEAP, 'goroutine'], sampleTypes: [...HEAP_TYPES, 'goroutine'], goVersions: 'all Go versions', match: matchCgo, explanation: EXPLANATIONS['cgo-leak'] },
  { id: 'unbounded-channel', title: 'Goroutines as an unbounded queue', kinds: ['goroutine'], sampleTypes: ['goroutine'], goVersions: 'all Go versions', match: matchUnboundedChannel, explanation: EXPLANATIONS['unbounded-channel'] },
];

export function ruleFor(id: PatternId): LeakRule {
  const rule = LEAK_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

