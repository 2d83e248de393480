// What a goroutine is waiting for, read from its stack when the profile has no `state` label (the
// protobuf and debug=1 forms). debug=2 dumps print the runtime's own wait reason; we infer the same
// words from the frames the runtime parks in:
//   runtime.gopark <- runtime.chanrecv <- runtime.chanrecv1 <- main.worker   => "chan receive"

export type WaitState = string;

// Leaf-side frames, checked from the leaf towards the root; the first frame that says something wins.
const FRAME_STATES: readonly (readonly [RegExp, WaitState])[] = [
  [/^runtime\.chanrecv[12]?$/, 'chan receive'],
  [/^runtime\.chansend1?$/, 'chan send'],
  [/^runtime\.selectgo$/, 'select'],
  [/^runtime\.block$/, 'select (no cases)'],
  [/^(?:sync\.runtime_notifyListWait|runtime\.notifyListWait)$/, 'sync.Cond.Wait'],
  [/^(?:sync\.runtime_Semacquire\w*|sync\.runtime_SemacquireMutex|sync\.runtime_SemacquireRWMutexR?|runtime\.semacquire\d*|internal\/sync\.runtime_Semacquire\w*)$/, 'semacquire'],
  [/^(?:internal\/poll\.runtime_pollWait|runtime\.netpollblock|runtime\.poll_runtime_pollWait)$/, 'IO wait'],
  [/^(?:time\.Sleep|runtime\.timeSleep)$/, 'sleep'],
  [/^(?:syscall\.Syscall6?|syscall\.RawSyscall6?|syscall\.syscall6?|internal\/runtime\/syscall\.Syscall6|runtime\/internal\/syscall\.Syscall6|runtime\.cgocall)$/, 'syscall'],
  [/^os\/signal\.signal_recv$/, 'signal wait'],
  [/^runtime\.gcBgMarkWorker$/, 'GC worker (idle)'],
  [/^runtime\.bgsweep$/, 'GC sweep wait'],
  [/^runtime\.bgscavenge$/, 'GC scavenge wait'],
  [/^runtime\.forcegchelper$/, 'force gc (idle)'],
  [/^runtime\.runfinq$/, 'finalizer wait'],
  [/^(?:runtime\.Gosched|runtime\.goschedguarded|runtime\.gosched_m)$/, 'runnable'],
];

const PARK = /^runtime\.(?:gopark|goparkunlock|park_m)$/;

/**
 * The wait state of a goroutine whose stack is `leafFirst` (leaf at index 0), or null when the
 * stack does not say: debug=1 text omits the runtime frames a goroutine parks in, so a goroutine
 * blocked on a channel there shows only its own code.
 */
export function inferWaitState(leafFirst: readonly string[]): WaitState | null {
  // Only the frames up to the first user frame explain the wait (plus that frame itself for
  // library waits such as time.Sleep and internal/poll).
  let parked = false;
  for (const name of leafFirst) {
    if (PARK.test(name)) {
      parked = true;
      continue;
    }
    for (const [pattern, state] of FRAME_STATES) if (pattern.test(name)) return state;
    if (!isRuntimeFrame(name)) break;
  }
  if (parked) return 'waiting';
  // No park frame and a full stack: the goroutine was running (e.g. the one writing the profile).
  return leafFirst.length > 0 && isRuntimeFrame(leafFirst[0]) ? 'running' : null;
}

/** Frames of the Go runtime itself (not runtime/pprof, runtime/debug, …). */
export function isRuntimeFrame(name: string): boolean {
  return name.startsWith('runtime.') || name.startsWith('internal/runtime/') || name.startsWith('runtime/internal/');
}

/** States that mean "parked until someone else acts": the ones a goroutine leak shows as. */
export function isBlockedState(state: WaitState): boolean {
  return /^(?:chan receive|chan send|select|semacquire|sync\.|IO wait|waiting)/.test(state);
}
