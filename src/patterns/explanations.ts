// The explanation page of every leak pattern, as structured data (rendered as text, never as HTML).
// In prose, `backticks` mark Go identifiers and frames; the page renders them as code.
import type { PatternId } from './types.ts';

export interface SampleTypeGrowth {
  readonly sampleType: string;
  readonly grows: 'yes' | 'no' | 'sometimes';
  readonly note: string;
}

export interface Explanation {
  readonly id: PatternId;
  readonly title: string;
  /** One sentence for lists and tooltips. */
  readonly summary: string;
  /** 1. What leaks. */
  readonly whatLeaks: readonly string[];
  /** 2. How it looks in a heap profile and in a goroutine profile. */
  readonly heapProfile: readonly string[];
  readonly goroutineProfile: readonly string[];
  /** Frames to look for, outermost first. */
  readonly frames: readonly string[];
  readonly sampleTypes: readonly SampleTypeGrowth[];
  /** 3. A minimal leaking program and its fix, shown side by side. */
  readonly leaking: string;
  readonly fixed: string;
  readonly fixNote: string;
  /** 4. How to confirm the fix. */
  readonly confirm: readonly string[];
  /** 5. Related patterns. */
  readonly related: readonly PatternId[];
  /** Which Go versions what is said here holds for. */
  readonly goVersions: string;
}

const INUSE_BOTH = (note: string): SampleTypeGrowth[] => [
  { sampleType: 'inuse_space', grows: 'yes', note },
  { sampleType: 'inuse_objects', grows: 'yes', note: 'one or more objects per leaked item' },
];

export const EXPLANATIONS: Readonly<Record<PatternId, Explanation>> = {
  'timer-leak': {
    id: 'timer-leak',
    title: 'Timers and tickers kept alive',
    summary: '`time.After` in a loop, `time.NewTicker` never stopped, or `time.AfterFunc` piling up: each timer and its channel stay in memory.',
    whatLeaks: [
      'Every `time.NewTimer`, `time.After`, `time.NewTicker`, `time.Tick` and `time.AfterFunc` allocates a timer and (except AfterFunc) a channel. Up to Go 1.22 the runtime keeps every started timer in its timer heap until it fires or is stopped, referenced or not: `time.After(time.Hour)` in a busy `select` loop leaves one live timer per iteration for an hour.',
      'Since Go 1.23 timers and tickers that nothing references are collected even when not stopped. They still leak when something holds them: a goroutine blocked on `t.C`, a struct or slice that keeps the `*Timer`, or a registry of callbacks.',
    ],
    heapProfile: [
      'The bytes are charged to `time.NewTimer` (or `time.NewTicker`, `time.AfterFunc`, and `time.startTimer` beneath them); `time.After` appears above `time.NewTimer`, often marked inline. The frame above it is your loop, e.g. `main.pollLoop`.',
      'Tickers with a goroutine ranging over `t.C` add `runtime.malg` (goroutine descriptors) and allocations inside the goroutine function (`…func1`).',
    ],
    goroutineProfile: [
      'Leaked tickers read by a goroutine show as a growing group parked in `runtime.gopark` ← `runtime.chanrecv` (or `runtime.selectgo`) inside the goroutine that ranges over the ticker channel (e.g. `main.startHeartbeat.func1`). Plain `time.After` timers leave no goroutine behind.',
    ],
    frames: ['main.pollLoop', 'time.After', 'time.NewTimer', 'time.startTimer'],
    sampleTypes: [
      ...INUSE_BOTH('timer + channel per leaked timer (about 200–400 B each)'),
      { sampleType: 'alloc_space', grows: 'yes', note: 'grows with the loop rate even after the fix; compare inuse, not alloc' },
    ],
    leaking: `func pollLoop(events <-chan Event) {
	for {
		select {
		case e := <-events:
			handle(e)
		case <-time.After(time.Hour): // new timer every iteration
			return
		}
	}
}`,
    fixed: `func pollLoop(events <-chan Event) {
	idle := time.NewTimer(time.Hour)
	defer idle.Stop()
	for {
		select {
		case e := <-events:
			handle(e)
			if !idle.Stop() {
				<-idle.C
			}
			idle.Reset(time.Hour) // one timer, reused
		case <-idle.C:
			return
		}
	}
}`,
    fixNote: 'Create the timer once and Reset it; for tickers call `t.Stop()` and let the goroutine that reads `t.C` return (select on a done channel).',
    confirm: [
      'Take two heap profiles a few minutes apart under the same load (`curl -o heap1.pb.gz http://host:6060/debug/pprof/heap`, wait, `heap2.pb.gz`) and diff them in inuse_space.',
      '`time.NewTimer` / `time.NewTicker` under your loop should stay flat; alloc_space may still grow with the request rate, which is fine.',
      'For tickers also diff two goroutine profiles: the group parked in `chanrecv` under the ticker goroutine should no longer grow.',
    ],
    related: ['goroutine-leak', 'context-leak'],
    goVersions: 'Go ≤ 1.22: every unfired, unstopped timer is live. Go 1.23+: only timers still referenced leak.',
  },

  'context-leak': {
    id: 'context-leak',
    title: 'Contexts that are never cancelled',
    summary: '`context.WithCancel` / `WithTimeout` / `WithDeadline` without calling `cancel`: each child stays registered in its long-lived parent.',
    whatLeaks: [
      'A cancelable context registers itself in its parent\'s `children` map so that cancelling the parent reaches it. The entry is removed only when the child is cancelled. Deriving a child from a long-lived context (a server context, `context.Background()` wrapped once at start) per request and never calling `cancel` leaves one child per request in that map — with everything hanging off it (`WithValue` values, the deadline timer of `WithTimeout`).',
      '`go vet`\'s lostcancel check catches the simplest form; it cannot see a cancel func stored and forgotten.',
    ],
    heapProfile: [
      'Growth under `context.WithCancel`, `context.WithTimeout` → `context.WithDeadline`, with the children map itself charged to `context.propagateCancel` (the map buckets are allocated by the runtime and charged to its first non-runtime caller) and the lazily made done channel to `context.(*cancelCtx).Done`.',
      '`WithTimeout`/`WithDeadline` add a timer: `time.AfterFunc` → `time.startTimer` under `context.WithDeadline`. `context.WithValue` grows beside them when values are attached to the leaked children.',
    ],
    goroutineProfile: [
      'Usually nothing: standard contexts need no goroutine. When the parent is a custom Context type, `propagateCancel` starts one goroutine per child, parked in `runtime.selectgo` under `context.propagateCancel.func1` (Go < 1.21) — that group grows.',
    ],
    frames: ['main.handle', 'context.WithTimeout', 'context.WithDeadline', 'context.propagateCancel'],
    sampleTypes: INUSE_BOTH('a cancelCtx/timerCtx, its done channel, a map slot and a timer per request'),
    leaking: `func handle(parent context.Context, req Request) error {
	ctx, _ := context.WithTimeout(parent, time.Hour)
	// cancel is dropped: ctx stays a child of parent
	return process(ctx, req)
}`,
    fixed: `func handle(parent context.Context, req Request) error {
	ctx, cancel := context.WithTimeout(parent, time.Hour)
	defer cancel() // removes ctx from parent and stops its timer
	return process(ctx, req)
}`,
    fixNote: 'Always call the cancel function, normally with `defer cancel()` right after creating the context.',
    confirm: [
      'Diff two heap profiles taken minutes apart in inuse_space: `context.propagateCancel`, `context.WithDeadline` and `time.AfterFunc` should stay flat.',
      'inuse_objects is the clearest signal: it should stop rising with the number of requests served.',
    ],
    related: ['timer-leak', 'map-cache', 'goroutine-leak'],
    goVersions: 'All Go versions. `context.AfterFunc`, `WithoutCancel` and the `…Cause` variants exist since Go 1.21.',
  },

  'syncpool-escape': {
    id: 'syncpool-escape',
    title: 'sync.Pool objects that never come back',
    summary: 'Objects from `sync.Pool.Get` are stored elsewhere and never `Put` back, so the pool\'s `New` keeps allocating; or oversized buffers are put back.',
    whatLeaks: [
      'A pool only saves allocations when objects return to it. When the result of `Get` is kept in a long-lived map, slice or struct (it "escapes" the pool), every `Get` finds the pool empty and calls `New`: the process keeps allocating and the escaped objects stay alive wherever they were stored.',
      'The opposite misuse also costs memory: putting back a `bytes.Buffer` that grew huge (or without `Reset`) keeps the large capacity in the pool, and the buffers keep growing.',
    ],
    heapProfile: [
      'The allocations are charged to the pool\'s `New` function — usually a package-level closure named `pkg.glob..funcN` — under `sync.(*Pool).Get`, under the function that called `Get` (e.g. `main.handleRequest`).',
      'In inuse_space that stack grows with the number of escaped objects; alloc_space grows even for a healthy pool under load. Buffers put back without `Reset` show as `bytes.(*Buffer).grow` / `bytes.growSlice`, mostly in alloc_*.',
    ],
    goroutineProfile: ['Nothing specific: pools need no goroutines.'],
    frames: ['main.handleRequest', 'sync.(*Pool).Get', 'main.glob..func1'],
    sampleTypes: [
      ...INUSE_BOTH('one pooled object per escaped Get'),
      { sampleType: 'alloc_space', grows: 'sometimes', note: 'high alloc under Pool.Get means the pool is not reusing' },
    ],
    leaking: `var bufPool = sync.Pool{New: func() any {
	b := make([]byte, 0, 8<<10)
	return &b
}}

var pending = map[int]*[]byte{}

func handle(id int, data []byte) {
	bp := bufPool.Get().(*[]byte)
	*bp = append((*bp)[:0], data...)
	pending[id] = bp // escapes: never Put back
}`,
    fixed: `var bufPool = sync.Pool{New: func() any {
	b := make([]byte, 0, 8<<10)
	return &b
}}

var pending = map[int][]byte{}

func handle(id int, data []byte) {
	bp := bufPool.Get().(*[]byte)
	*bp = append((*bp)[:0], data...)
	pending[id] = bytes.Clone(*bp) // keep a copy
	bufPool.Put(bp)                // the buffer goes back
}`,
    fixNote: 'Put back every object you take, and never keep a reference to it afterwards; store a copy if you need the data. Reset buffers and drop oversized ones instead of putting them back.',
    confirm: [
      'Diff two heap profiles in inuse_space: the stack `sync.(*Pool).Get` → the pool\'s `New` should stay flat.',
      'In alloc_objects the `New` function should allocate far less than the number of `Get` calls (most Gets are served from the pool).',
    ],
    related: ['map-cache', 'slice-retention'],
    goVersions: 'All Go versions. Since Go 1.13 pooled objects survive one GC cycle (victim cache), so a pool can look larger for one GC after load drops.',
  },

  'goroutine-leak': {
    id: 'goroutine-leak',
    title: 'Goroutines that never exit',
    summary: 'Goroutines blocked forever on a channel, select, lock or WaitGroup pile up, with their stacks and everything they reference.',
    whatLeaks: [
      'A goroutine that waits on something that never happens — a send nobody receives, a receive from a channel nobody closes, a `select` with no live case, a `WaitGroup` that never reaches zero — stays parked forever. Its stack (at least 2 KiB, outside the heap profile) and everything it references (captured variables, buffers, channels) stay alive.',
      'Typical causes: returning early without reading a result channel (the sender blocks), forgetting to close a channel, no `ctx.Done()` case in a worker\'s select.',
    ],
    heapProfile: [
      '`runtime.malg` grows: it allocates goroutine descriptors and is visible because its whole stack is runtime (`runtime.systemstack` → `runtime.newproc.func1` → `runtime.newproc1` → `runtime.malg`). `runtime.allgadd` may grow too.',
      'Allocations of the function that starts the goroutines (e.g. `main.subscribe`: the channel and the buffers it hands to the goroutine) and of the goroutine bodies themselves (`main.subscribe.func1`, stacks rooted at the goroutine function) grow alongside.',
    ],
    goroutineProfile: [
      'The clearest signal: a group whose count grows between snapshots, parked in `runtime.gopark` under `runtime.chanrecv`, `runtime.chansend`, `runtime.selectgo`, `sync.runtime_Semacquire` (`sync.(*WaitGroup).Wait`, `sync.(*Mutex).Lock`), `sync.runtime_notifyListWait` (`sync.(*Cond).Wait`) or `internal/poll.runtime_pollWait` (IO wait).',
      'With `?debug=2` each goroutine also says how long it has waited (`[chan receive, 42 minutes]`) and which function created it (`created by main.subscribe`).',
    ],
    frames: ['main.subscribe.func1', 'runtime.chanrecv1', 'runtime.chanrecv', 'runtime.gopark'],
    sampleTypes: [
      { sampleType: 'goroutine', grows: 'yes', note: 'count per parked stack' },
      ...INUSE_BOTH('goroutine descriptors in runtime.malg plus what each goroutine holds'),
    ],
    leaking: `func query(id int) (int, error) {
	ch := make(chan int) // unbuffered
	go func() { ch <- compute(id) }()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return 0, errTimeout // the sender blocks forever
	}
}`,
    fixed: `func query(id int) (int, error) {
	ch := make(chan int, 1) // the sender never blocks
	go func() { ch <- compute(id) }()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return 0, errTimeout // goroutine finishes and exits
	}
}`,
    fixNote: 'Give every goroutine a way to finish: buffer result channels, close channels when done, and select on `ctx.Done()` in every wait.',
    confirm: [
      'Take two goroutine profiles minutes apart (`/debug/pprof/goroutine`, or `?debug=2` for wait times and creators) and diff them: no group should keep growing.',
      'In the heap diff `runtime.malg` should stay flat in inuse_space.',
      'runtime.MemStats `StackInuse` (in the text heap profile) should stop rising.',
    ],
    related: ['timer-leak', 'http-body-leak', 'unbounded-channel', 'context-leak'],
    goVersions: 'All Go versions.',
  },

  'slice-retention': {
    id: 'slice-retention',
    title: 'Small slices pinning large arrays',
    summary: 'A small sub-slice or substring kept in a long-lived structure keeps its whole (large) backing array alive.',
    whatLeaks: [
      'Slicing does not copy: `key := buf[128:144]` shares `buf`\'s backing array, and as long as `key` is reachable the whole array is. The same holds for substrings of a large string and for `bytes.Buffer`/`io.ReadAll` results that are re-sliced. Keeping 16-byte keys in an index can thus retain a megabyte each.',
    ],
    heapProfile: [
      'Few objects carry many bytes: compare inuse_space with inuse_objects — the bytes per object is large (kilobytes to megabytes), unlike a cache of small entries.',
      'The bytes are charged where the large array was made: your reader/parser (e.g. `main.readRecord`), or `io.ReadAll`, `bytes.growSlice` / `bytes.(*Buffer).grow`, `bufio` readers, `strings.(*Builder).grow`, or the function converting a big `[]byte` to `string` (the runtime\'s `slicebytetostring` is never shown).',
    ],
    goroutineProfile: ['Nothing specific.'],
    frames: ['main.parseBatch', 'main.readRecord'],
    sampleTypes: [
      { sampleType: 'inuse_space', grows: 'yes', note: 'the whole backing arrays' },
      { sampleType: 'inuse_objects', grows: 'sometimes', note: 'grows slowly: one object per retained array' },
    ],
    leaking: `var index [][]byte

func ingest(r io.Reader) error {
	buf := make([]byte, 1<<20)
	if _, err := io.ReadFull(r, buf); err != nil {
		return err
	}
	index = append(index, buf[128:144]) // pins 1 MiB
	return nil
}`,
    fixed: `var index [][]byte

func ingest(r io.Reader) error {
	buf := make([]byte, 1<<20)
	if _, err := io.ReadFull(r, buf); err != nil {
		return err
	}
	key := bytes.Clone(buf[128:144]) // 16 bytes, own array
	index = append(index, key)
	return nil
}`,
    fixNote: 'Copy what you keep (`bytes.Clone`, `strings.Clone`, `append([]byte(nil), s...)`) so the large buffer can be freed or reused.',
    confirm: [
      'Diff two heap profiles in inuse_space: the function making the large buffers should stay flat.',
      'The bytes per object of what still grows should be small (the copies), if anything.',
    ],
    related: ['map-cache', 'syncpool-escape', 'closure-capture'],
    goVersions: 'All Go versions.',
  },

  'map-cache': {
    id: 'map-cache',
    title: 'Unbounded map used as a cache',
    summary: 'A long-lived map gains keys (per request, per user, per session) and none are ever deleted.',
    whatLeaks: [
      'A package-level or long-lived map used as a cache, index or dedup set without eviction grows with every new key. Keys built per request (`fmt.Sprintf("user:%d:session:%d", …)`) make it grow forever. Deleting keys does not shrink a map\'s bucket array either; only replacing the map does.',
    ],
    heapProfile: [
      'Two kinds of growth: many small objects (the values, often built by a helper like `main.render`) under the function that stores them, and a few large objects charged to the function that assigns into the map — the bucket array, whose size doubles (2^B buckets) as the map grows. The runtime\'s `mapassign`/`hashGrow` frames are never shown; the bytes are charged to your function (e.g. `main.lookup`).',
      'Since Go 1.24 maps are Swiss tables and their internals do show: `internal/runtime/maps.*` frames under your function. `sync.(*Map).Store` / `LoadOrStore` mark a `sync.Map` used the same way.',
    ],
    goroutineProfile: ['Nothing specific.'],
    frames: ['main.lookup', 'main.render'],
    sampleTypes: INUSE_BOTH('values and keys; bucket arrays in power-of-two steps'),
    leaking: `var cache = map[string][]byte{}

func lookup(key string) []byte {
	if v, ok := cache[key]; ok {
		return v
	}
	v := render(key)
	cache[key] = v // never evicted
	return v
}`,
    fixed: `const maxEntries = 10_000

var cache = newLRU(maxEntries) // bounded, evicts oldest

func lookup(key string) []byte {
	if v, ok := cache.Get(key); ok {
		return v
	}
	v := render(key)
	cache.Add(key, v)
	return v
}`,
    fixNote: 'Bound the cache (size limit with LRU eviction, or a TTL), or key it by something with a bounded number of values.',
    confirm: [
      'Diff two heap profiles in inuse_space under steady load: the value constructor and the map-assigning function should level off at the bound.',
      'inuse_objects should stop rising once the cache is full.',
    ],
    related: ['closure-capture', 'slice-retention', 'syncpool-escape'],
    goVersions: 'Bucket-array doubling: Go ≤ 1.23 maps. `internal/runtime/maps` frames: Go 1.24+.',
  },

  'closure-capture': {
    id: 'closure-capture',
    title: 'Closures keeping captured data alive',
    summary: 'Function values stored in a long-lived registry, slice or map keep everything they capture alive — and closures that append to captured state keep growing.',
    whatLeaks: [
      'A closure keeps every variable it captures alive for as long as the closure itself is reachable. Handlers, callbacks and observers registered in a package-level map or slice and never removed therefore keep their captured buffers forever. A closure that appends to a captured slice on each call grows without bound.',
    ],
    heapProfile: [
      'Growth allocated inside anonymous functions: `pkg.fn.func1`, `pkg.(*T).m.func2`, package-level `pkg.glob..func1`, method values `pkg.(*T).m-fm`.',
      'Captured variables escape to the heap in the enclosing function (e.g. `main.makeHandler`): its growth mixes one small object per closure (the captured variables, 16–64 B) with the captured buffers, in the same numbers.',
    ],
    goroutineProfile: ['Nothing specific, unless the closures are goroutines (see goroutine leaks).'],
    frames: ['main.main', 'main.newObserver.func1'],
    sampleTypes: INUSE_BOTH('captured buffers and closure objects'),
    leaking: `var observers []func(n int)

func newObserver() func(n int) {
	var history [][]byte
	return func(n int) {
		history = append(history, make([]byte, n)) // grows forever
	}
}

func register() { observers = append(observers, newObserver()) }`,
    fixed: `var observers []func(n int)

func newObserver() func(n int) {
	var last []byte // keep only what is needed
	return func(n int) {
		last = make([]byte, n)
	}
}

func register() (unregister func()) {
	observers = append(observers, newObserver())
	i := len(observers) - 1
	return func() { observers[i] = nil } // can be removed
}`,
    fixNote: 'Remove callbacks when their owner goes away (return an unregister func), capture only what is needed (copy small values instead of whole buffers), and bound captured state.',
    confirm: [
      'Diff two heap profiles in inuse_space: the `…funcN` frames and the function creating the closures should stay flat.',
      'If closures are registered per request, the number of registered callbacks (log it) should stay bounded.',
    ],
    related: ['map-cache', 'goroutine-leak', 'slice-retention'],
    goVersions: 'All Go versions. Closure names: Go ≤ 1.21 `outer.funcN`; Go 1.22+ may name closures inlined elsewhere `caller.outer.funcN`.',
  },

  'http-body-leak': {
    id: 'http-body-leak',
    title: 'HTTP response bodies not closed',
    summary: 'A `resp.Body` that is not closed (or not read to EOF) keeps its connection, its buffers and two goroutines alive.',
    whatLeaks: [
      'Each HTTP/1.x client connection is a `persistConn` with a `bufio.Reader`, a `bufio.Writer` and two goroutines (`readLoop`, `writeLoop`). The connection returns to the idle pool only when the response body is closed after being read to EOF; an unclosed body keeps it — and a new connection is dialled for the next request.',
    ],
    heapProfile: [
      'Growth under `net/http.(*Transport).dialConn` (the `persistConn`, `bufio.NewReaderSize` / `bufio.NewWriterSize` buffers of 4 KiB each) and in goroutine bodies `net/http.(*persistConn).readLoop` / `writeLoop`, plus `runtime.malg` for their goroutines.',
    ],
    goroutineProfile: [
      'Two groups grow in step: `net/http.(*persistConn).readLoop` parked in `internal/poll.runtime_pollWait` or `runtime.selectgo`, and `net/http.(*persistConn).writeLoop` parked in `runtime.selectgo`.',
    ],
    frames: ['net/http.(*Transport).dialConn', 'bufio.NewReaderSize'],
    sampleTypes: [
      ...INUSE_BOTH('about 10 KiB of buffers per connection'),
      { sampleType: 'goroutine', grows: 'yes', note: 'two per leaked connection' },
    ],
    leaking: `func fetch(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil // Body never closed
}`,
    fixed: `func fetch(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body) // reuse the connection
	return resp.StatusCode, nil
}`,
    fixNote: 'Always `defer resp.Body.Close()` after checking the error, and drain the body if you want the connection reused.',
    confirm: [
      'Diff two goroutine profiles: the `persistConn.readLoop` / `writeLoop` groups should stay at the pool size.',
      'Diff two heap profiles in inuse_space: `net/http.(*Transport).dialConn` should stay flat.',
    ],
    related: ['goroutine-leak', 'slice-retention'],
    goVersions: 'All Go versions (HTTP/1.x transport; HTTP/2 multiplexes streams on fewer connections).',
  },

  'finalizer-leak': {
    id: 'finalizer-leak',
    title: 'Blocked or resurrecting finalizers',
    summary: 'All finalizers run on one goroutine: one that blocks stops every other, and objects waiting for finalization stay in memory.',
    whatLeaks: [
      'Objects with a finalizer (`runtime.SetFinalizer`, `os.File`, net connections) need one extra GC cycle and the finalizer goroutine to be freed. If a finalizer blocks (on a lock, a channel, IO), no other finalizer runs and every finalizable object stays. Cycles between objects with finalizers are never collected at all.',
    ],
    heapProfile: [
      'Allocations made by finalizers appear under `runtime.runfinq`. The objects waiting for finalization are charged to wherever they were allocated, growing in inuse_*.',
    ],
    goroutineProfile: [
      'The finalizer goroutine — `runtime.runfinq` calling your finalizer — is parked (chan, lock, IO) instead of in `runtime.gopark` under `runtime.runfinq` alone.',
    ],
    frames: ['runtime.runfinq', 'main.(*Conn).finalize'],
    sampleTypes: INUSE_BOTH('every object that waits for its finalizer'),
    leaking: `func newConn() *Conn {
	c := &Conn{buf: make([]byte, 64<<10)}
	runtime.SetFinalizer(c, func(c *Conn) {
		mu.Lock() // may block the only finalizer goroutine
		defer mu.Unlock()
		closed = append(closed, c.id)
	})
	return c
}`,
    fixed: `func newConn() *Conn {
	return &Conn{buf: make([]byte, 64<<10)}
}

// Close releases resources explicitly; no finalizer needed.
func (c *Conn) Close() error {
	c.buf = nil
	return nil
}`,
    fixNote: 'Release resources explicitly (Close), keep finalizers (if any) short and non-blocking, and avoid finalizers on objects in cycles.',
    confirm: [
      'Take a goroutine profile: the goroutine running `runtime.runfinq` should be idle (parked directly in `runtime.runfinq`).',
      'Diff heap profiles: the finalizable objects should stop growing.',
    ],
    related: ['goroutine-leak', 'cgo-leak'],
    goVersions: 'All Go versions (Go 1.24 adds `runtime.AddCleanup`, which avoids the cycle problem).',
  },

  'cgo-leak': {
    id: 'cgo-leak',
    title: 'Memory held across cgo',
    summary: 'Memory allocated by C (`C.malloc`, `C.CString`) is invisible to Go heap profiles; only the Go side of cgo calls shows.',
    whatLeaks: [
      'C allocations are not managed by the Go garbage collector and never appear in a Go heap profile. `C.CString` and `C.CBytes` malloc a copy that must be freed with `C.free`. Go objects passed to or kept for C (handles) can also stay alive.',
    ],
    heapProfile: [
      'Only Go allocations made around the call show, under `_Cfunc_…` / `runtime.cgocall`. If the process RSS grows while the heap profile and `HeapSys` stay flat, suspect C memory.',
    ],
    goroutineProfile: ['Goroutines stuck in `runtime.cgocall` are in C code that has not returned.'],
    frames: ['main.encode', 'main._Cfunc_CString', 'runtime.cgocall'],
    sampleTypes: [{ sampleType: 'inuse_space', grows: 'sometimes', note: 'only the Go side; C memory is not profiled' }],
    leaking: `func greet(name string) {
	cs := C.CString(name) // malloc'd in C
	C.puts(cs)            // never freed
}`,
    fixed: `func greet(name string) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	C.puts(cs)
}`,
    fixNote: 'Free every C allocation (`defer C.free(unsafe.Pointer(p))`) and release handles passed to C.',
    confirm: [
      'Watch RSS against runtime.MemStats `HeapSys`: the gap should stop growing.',
      'Heap diffs around `_Cfunc_` frames should stay flat.',
    ],
    related: ['finalizer-leak', 'goroutine-leak'],
    goVersions: 'All Go versions.',
  },

  'unbounded-channel': {
    id: 'unbounded-channel',
    title: 'Goroutines as an unbounded queue',
    summary: 'Starting a goroutine per message to avoid blocking on a full channel turns the goroutine count into an unbounded queue.',
    whatLeaks: [
      '`go func() { ch <- msg }()` never blocks the caller, so it looks like a fix for a slow consumer — but each pending message becomes a parked goroutine holding the message. If the consumer is slower than the producer, or gone, they pile up without limit.',
    ],
    heapProfile: [
      '`runtime.malg` grows with the goroutines, and the messages stay charged to whoever built them.',
    ],
    goroutineProfile: [
      'A growing group of closures (`main.publish.func1`) parked in `runtime.chansend` — all waiting to send on the same channel.',
    ],
    frames: ['main.publish.func1', 'runtime.chansend1', 'runtime.chansend', 'runtime.gopark'],
    sampleTypes: [
      { sampleType: 'goroutine', grows: 'yes', note: 'one per pending message' },
      { sampleType: 'inuse_space', grows: 'yes', note: 'goroutine descriptors and messages' },
    ],
    leaking: `func publish(ch chan<- Event, e Event) {
	go func() { ch <- e }() // one goroutine per pending event
}`,
    fixed: `func publish(ctx context.Context, ch chan<- Event, e Event) error {
	select {
	case ch <- e: // back-pressure: bounded by cap(ch)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}`,
    fixNote: 'Apply back-pressure (block, or drop with a counter) on a bounded channel instead of spawning a goroutine per message.',
    confirm: [
      'Diff two goroutine profiles: the group parked in `chansend` should stay bounded.',
      'runtime.MemStats `StackInuse` should stop rising.',
    ],
    related: ['goroutine-leak'],
    goVersions: 'All Go versions.',
  },
};
