// What a Go function name alone says (package, closure-ness, library family), computed once per name:
// rules ask these questions for every frame of every stack, so the answers are cached (pprof's prune.go idea).

export type LibraryFamily =
  | 'timer' // time.NewTimer, time.After, time.NewTicker, time.Tick, time.AfterFunc, time.startTimer
  | 'context' // context.WithCancel/WithTimeout/WithDeadline/WithValue, propagateCancel, (*cancelCtx).Done
  | 'pool-get' // sync.(*Pool).Get
  | 'sync-map' // sync.(*Map).Store/LoadOrStore/Swap, internal/sync.HashTrieMap (Go 1.24+)
  | 'map-internal' // internal/runtime/maps.* (Go 1.24+ shows map growth in heap profiles)
  | 'http-client' // net/http transport and persistent connections
  | 'http' // any other net/http frame
  | 'buffered-io' // bufio.NewReaderSize/NewWriterSize, bufio.(*Scanner).Scan
  | 'read-all' // io.ReadAll, os.ReadFile, ioutil.ReadAll, bytes.(*Buffer).ReadFrom
  | 'buffer-grow' // bytes.growSlice, bytes.(*Buffer).grow, strings.(*Builder).grow
  | 'goroutine-stack' // runtime.malg: goroutine descriptors, shown because their whole stack is runtime
  | 'goroutine-registry' // runtime.allgadd
  | 'park' // runtime.gopark / goparkunlock: a parked goroutine (goroutine profiles)
  | 'wait' // what a parked goroutine waits on: chanrecv, chansend, selectgo, semacquire, Wait, netpoll
  | 'finalizer' // runtime.runfinq: the finalizer goroutine
  | 'cgo' // runtime.cgocall, _Cfunc_*, _cgo_*
  | null;

export interface FrameTraits {
  readonly name: string;
  /** Import path of the package ("net/http", "main", "example.com/x/y"). */
  readonly pkg: string;
  /** The function part after the package ("(*Pool).Get", "glob..func2", "handler.func1"). */
  readonly func: string;
  /** runtime.* (hidden as leading frames by the runtime, except when a whole stack is runtime). */
  readonly isRuntime: boolean;
  /** A standard library package (including runtime and internal/…). */
  readonly isStdlib: boolean;
  /** An anonymous function or method value: `.funcN`, `glob..funcN`, `-fm`. */
  readonly isClosure: boolean;
  /** For a closure: the function that encloses it ("main.subscribe" for "main.subscribe.func1"); else null. */
  readonly enclosing: string | null;
  /** Frames that sit above everything (main.main, runtime.main, goexit, init, test runners): never a pattern site. */
  readonly isEntry: boolean;
  readonly family: LibraryFamily;
  /** The wait a parked goroutine is in, for 'wait' frames ("chan receive", "select", …). */
  readonly waitState: string | null;
  /** Last name component, lower-cased, for vocabulary checks ("startheartbeat", "get"). */
  readonly shortLower: string;
}

// Top-level import path elements of the standard library (Go 1.19 – 1.24).
const STDLIB_ROOTS = new Set([
  'archive', 'arena', 'bufio', 'builtin', 'bytes', 'cmp', 'compress', 'container', 'context', 'crypto',
  'database', 'debug', 'embed', 'encoding', 'errors', 'expvar', 'flag', 'fmt', 'go', 'hash', 'html',
  'image', 'index', 'internal', 'io', 'iter', 'log', 'maps', 'math', 'mime', 'net', 'os', 'path',
  'plugin', 'reflect', 'regexp', 'runtime', 'slices', 'sort', 'strconv', 'strings', 'structs', 'sync',
  'syscall', 'testing', 'text', 'time', 'unicode', 'unique', 'unsafe', 'vendor', 'weak',
]);

const ENTRY_NAMES = new Set([
  'main.main',
  'runtime.main',
  'runtime.goexit',
  'runtime.doInit',
  'runtime.doInit1',
  'runtime.mstart',
  'runtime.systemstack',
  'testing.tRunner',
  'testing.(*B).runN',
  'testing.(*B).run1.func1',
  'testing.(*B).launch',
]);

const WAIT_STATES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^runtime\.chanrecv[12]?$/, 'chan receive'],
  [/^runtime\.chansend1?$/, 'chan send'],
  [/^runtime\.selectgo$/, 'select'],
  [/^runtime\.block$/, 'select (no cases)'],
  [/^(sync\.runtime_Semacquire|sync\.runtime_SemacquireMutex|sync\.runtime_SemacquireRWMutexR?|sync\.runtime_SemacquireWaitGroup|internal\/sync\.runtime_SemacquireMutex|runtime\.semacquire1?)$/, 'semacquire'],
  [/^sync\.runtime_notifyListWait$/, 'sync.Cond.Wait'],
  [/^sync\.\(\*WaitGroup\)\.Wait$/, 'sync.WaitGroup.Wait'],
  [/^sync\.\(\*Cond\)\.Wait$/, 'sync.Cond.Wait'],
  [/^(internal\/poll\.runtime_pollWait|runtime\.netpollblock)$/, 'IO wait'],
  [/^(time\.Sleep|runtime\.timeSleep)$/, 'sleep'],
];

function splitName(name: string): { pkg: string; func: string } {
  // The package ends at the first '.' after the last '/': "net/http.(*Transport).dialConn".
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  if (dot < 0) return { pkg: '', func: name };
  return { pkg: name.slice(0, dot), func: name.slice(dot + 1) };
}

// "handler.func1", "glob..func2", "(*T).m.func1.2", "Foo.func3", "(*T).m-fm"
const CLOSURE = /(^|\.)(func\d+)(\.\d+)*$|-fm$/;

function enclosingOf(pkg: string, func: string): string | null {
  if (func.endsWith('-fm')) return `${pkg}.${func.slice(0, -3)}`;
  const m = /^(.*?)\.func\d+(\.\d+)*$/.exec(func);
  if (!m) return null;
  // glob..funcN: a package-level closure (e.g. a sync.Pool's New); no enclosing function.
  if (m[1] === 'glob.' || m[1] === 'glob' || m[1] === '') return null;
  return `${pkg}.${m[1]}`;
}

function familyOf(name: string, pkg: string, func: string): LibraryFamily {
  switch (pkg) {
    case 'time':
      if (/^(NewTimer|After|AfterFunc|NewTicker|Tick|newTimer|startTimer|\(\*Timer\)\.Reset|\(\*Ticker\)\.Reset)$/.test(func)) return 'timer';
      break;
    case 'context':
      return /^(WithCancel|WithCancelCause|withCancel|WithTimeout|WithTimeoutCause|WithDeadline|WithDeadlineCause|WithValue|WithoutCancel|AfterFunc|propagateCancel|newCancelCtx|\(\*cancelCtx\)\.(Done|propagateCancel)|\(\*timerCtx\)\..*|\(\*afterFuncCtx\)\..*|parentCancelCtx)$/.test(func)
        ? 'context'
        : null;
    case 'sync':
      if (func === '(*Pool).Get') return 'pool-get';
      if (/^\(\*Map\)\.(Store|LoadOrStore|Swap|LoadAndDelete|CompareAndSwap)$/.test(func)) return 'sync-map';
      break;
    case 'internal/sync':
      return /^\(\*HashTrieMap\[.*\]\)\./.test(func) || func.startsWith('(*HashTrieMap') ? 'sync-map' : null;
    case 'internal/runtime/maps':
      return 'map-internal';
    case 'net/http':
      return /^\((\*Transport|\*persistConn|\*Client|Client)\)\.|^(Get|Post|Head|PostForm|NewRequest.*)$/.test(func)
        ? 'http-client'
        : 'http';
    case 'bufio':
      return /^(NewReaderSize|NewWriterSize|NewReader|NewWriter|\(\*Scanner\)\.Scan|\(\*Reader\)\.(ReadString|ReadBytes|ReadSlice|collectFragments))$/.test(func)
        ? 'buffered-io'
        : null;
    case 'io':
    case 'io/ioutil':
    case 'os':
      return /^(ReadAll|ReadFile)$/.test(func) ? 'read-all' : null;
    case 'bytes':
      if (func === '(*Buffer).ReadFrom') return 'read-all';
      return /^(growSlice|\(\*Buffer\)\.grow|\(\*Buffer\)\.Grow|Repeat|Join)$/.test(func) ? 'buffer-grow' : null;
    case 'strings':
      return /^(\(\*Builder\)\.(grow|Grow|WriteString|WriteByte|Write)|Repeat|Join)$/.test(func) ? 'buffer-grow' : null;
    case 'runtime':
      if (func === 'malg') return 'goroutine-stack';
      if (func === 'allgadd') return 'goroutine-registry';
      if (func === 'gopark' || func === 'goparkunlock') return 'park';
      if (func === 'runfinq') return 'finalizer';
      if (func === 'cgocall' || func === 'cgocallbackg' || func === 'asmcgocall') return 'cgo';
      break;
    default:
      break;
  }
  if (/(^|\.)_Cfunc_|(^|\.)_cgo_|^_cgoexp_/.test(func) || /^_cgo_/.test(name)) return 'cgo';
  for (const [re] of WAIT_STATES) if (re.test(name)) return 'wait';
  return null;
}

function computeTraits(name: string): FrameTraits {
  const { pkg, func } = splitName(name);
  const root = pkg.split('/')[0];
  const isStdlib = pkg !== '' && STDLIB_ROOTS.has(root) && !root.includes('.');
  const isClosure = CLOSURE.test(func);
  let waitState: string | null = null;
  for (const [re, state] of WAIT_STATES) {
    if (re.test(name)) {
      waitState = state;
      break;
    }
  }
  const last = func.replace(/-fm$/, '').replace(/(\.func\d+)+(\.\d+)*$/, '').split('.').pop() ?? func;
  return {
    name,
    pkg,
    func,
    isRuntime: pkg === 'runtime',
    isStdlib,
    isClosure,
    enclosing: isClosure ? enclosingOf(pkg, func) : null,
    isEntry: ENTRY_NAMES.has(name) || /^main\.init(\.|$)/.test(name) || /^runtime\.(newproc|newproc1|newproc\.func1|mcall|morestack|rt0_go)$/.test(name),
    family: familyOf(name, pkg, func),
    waitState,
    shortLower: last.replace(/[()*]/g, '').toLowerCase(),
  };
}

const cache = new Map<string, FrameTraits>();

/** Traits of a function name; cached per name (the same names recur in every stack). */
export function frameTraits(name: string): FrameTraits {
  let t = cache.get(name);
  if (!t) {
    t = computeTraits(name);
    if (cache.size > 200_000) cache.clear();
    cache.set(name, t);
  }
  return t;
}

/** User code: neither the standard library nor a generated cgo stub. */
export function isUserCode(t: FrameTraits): boolean {
  return !t.isStdlib && t.family !== 'cgo' && t.pkg !== '';
}
