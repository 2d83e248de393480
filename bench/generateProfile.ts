// Generates realistic Go-like heap profiles (gzipped protobuf, written with pprof-format's encoder) of a
// chosen size, as a series of snapshots of one process whose leaking stacks grow from one to the next.
import { gzipSync } from 'node:zlib';
import { Function as PprofFunction, Label, Line, Location, Mapping, Profile, Sample, StringTable, ValueType } from 'pprof-format';

export interface ProfileSpec {
  /** Samples in the last snapshot of the series (Go writes one per (stack, object size) bucket). */
  readonly samples: number;
  /** Distinct stacks (of locations) in the last snapshot. */
  readonly stacks: number;
  readonly functions: number;
  /** Typical stack depth in locations; actual depths spread around it. */
  readonly depth: number;
  readonly seed: number;
}

export const benchSpecs = {
  small: { samples: 4_500, stacks: 3_000, functions: 1_000, depth: 16, seed: 1 },
  medium: { samples: 45_000, stacks: 30_000, functions: 5_000, depth: 20, seed: 2 },
  large: { samples: 575_000, stacks: 400_000, functions: 5_100, depth: 20, seed: 3 },
} as const satisfies Record<string, ProfileSpec>;

export type BenchSize = keyof typeof benchSpecs;

/** Deterministic PRNG (mulberry32), so a spec always gives the same bytes. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PACKAGES = ['api', 'auth', 'cache', 'codec', 'db', 'events', 'grpcx', 'httpx', 'index', 'jobs', 'ledger', 'metrics', 'orders', 'queue', 'search', 'session', 'storage', 'stream', 'users', 'wire'];
const TYPES = ['Server', 'Client', 'Handler', 'Store', 'Pool', 'Encoder', 'Decoder', 'Worker', 'Index', 'Batch', 'Conn', 'Cache'];
const VERBS = ['Get', 'Put', 'Handle', 'Serve', 'Encode', 'Decode', 'Flush', 'Process', 'Load', 'Apply', 'Lookup', 'Write', 'Read', 'Merge', 'Scan', 'Dispatch'];
const STD = [
  ['runtime.goexit', '/usr/local/go/src/runtime/asm_amd64.s'],
  ['net/http.(*conn).serve', '/usr/local/go/src/net/http/server.go'],
  ['net/http.serverHandler.ServeHTTP', '/usr/local/go/src/net/http/server.go'],
  ['net/http.HandlerFunc.ServeHTTP', '/usr/local/go/src/net/http/server.go'],
  ['google.golang.org/grpc.(*Server).serveStreams.func1.2', '/go/pkg/mod/google.golang.org/grpc@v1.58.0/server.go'],
  ['bytes.growSlice', '/usr/local/go/src/bytes/buffer.go'],
  ['encoding/json.Marshal', '/usr/local/go/src/encoding/json/encode.go'],
  ['strings.(*Builder).grow', '/usr/local/go/src/strings/builder.go'],
  ['bufio.NewReaderSize', '/usr/local/go/src/bufio/bufio.go'],
  ['time.NewTimer', '/usr/local/go/src/time/sleep.go'],
  ['context.WithCancel', '/usr/local/go/src/context/context.go'],
  ['sync.(*Pool).Get', '/usr/local/go/src/sync/pool.go'],
] as const;
const SIZE_CLASSES = [8, 16, 24, 32, 48, 64, 80, 96, 128, 192, 256, 384, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];

interface Shape {
  /** Location ids of each distinct stack, leaf first. */
  readonly stacks: number[][];
  readonly locations: Location[];
  readonly functions: PprofFunction[];
  readonly strings: StringTable;
  readonly mapping: Mapping;
}

/** The program: functions, call sites (locations, some with inlined lines) and the distinct stacks. */
function buildShape(spec: ProfileSpec): Shape {
  const rand = rng(spec.seed);
  const strings = new StringTable();
  const functions: PprofFunction[] = [];
  for (let i = 0; i < spec.functions; i++) {
    let name: string;
    let file: string;
    if (i < STD.length) {
      [name, file] = STD[i];
    } else {
      const pkg = `${PACKAGES[i % PACKAGES.length]}${Math.floor(i / 97)}`;
      const type = TYPES[Math.floor(rand() * TYPES.length)];
      const verb = VERBS[Math.floor(rand() * VERBS.length)];
      const closure = rand() < 0.1 ? `.func${1 + Math.floor(rand() * 4)}` : '';
      name = `github.com/acme/shop/internal/${pkg}.(*${type}).${verb}${i}${closure}`;
      file = `/src/github.com/acme/shop/internal/${pkg}/${type.toLowerCase()}.go`;
    }
    functions.push(
      new PprofFunction({ id: i + 1, name: strings.dedup(name), systemName: strings.dedup(name), filename: strings.dedup(file), startLine: 10 + Math.floor(rand() * 900) }),
    );
  }
  // Two or three call sites per function; a fifth of them carry an inlined callee (two Line entries).
  const locations: Location[] = [];
  const locationCount = Math.round(spec.functions * 2.5);
  for (let i = 0; i < locationCount; i++) {
    const fn = i < spec.functions ? i : Math.floor(rand() * spec.functions);
    const line = [new Line({ functionId: fn + 1, line: 20 + Math.floor(rand() * 2000) })];
    if (rand() < 0.2) line.unshift(new Line({ functionId: 1 + Math.floor(rand() * spec.functions), line: 5 + Math.floor(rand() * 300) }));
    locations.push(new Location({ id: i + 1, mappingId: 1, address: 0x401000 + i * 0x40, line }));
  }
  // Call graph: each call site calls a few others, picked with a skew so some paths are hot and shared.
  const callees: number[][] = [];
  for (let i = 0; i < locationCount; i++) {
    const n = 2 + Math.floor(rand() * 6);
    const list: number[] = [];
    for (let k = 0; k < n; k++) list.push(Math.floor(rand() * locationCount));
    callees.push(list);
  }
  // Stacks are walks from a few entry points (goexit -> http / grpc servers). Near the root most walks take
  // the hot call (middleware and routers are shared), deeper down they spread out: real services share long
  // prefixes, so each new distinct stack adds only a few nodes to the trie.
  const roots = [1, 2, 5];
  const stacks: number[][] = [];
  const seen = new Set<string>();
  while (stacks.length < spec.stacks) {
    const depth = Math.max(4, Math.min(spec.depth * 4, Math.round(spec.depth + (rand() + rand() + rand() - 1.5) * spec.depth * 0.6)));
    const walk = [0, roots[Math.floor(rand() * roots.length)]];
    while (walk.length < depth) {
      const options = callees[walk[walk.length - 1]];
      const hot = rand() < (walk.length < depth * 0.55 ? 0.95 : 0.3);
      walk.push(options[hot ? 0 : Math.floor(rand() * options.length)]);
    }
    const key = walk.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    stacks.push(walk.map((l) => l + 1).reverse());
  }
  const mapping = new Mapping({ id: 1, memoryStart: 0x400000, memoryLimit: 0x4000000, fileOffset: 0, filename: strings.dedup('/app/shop'), buildId: strings.dedup('b1d0e5f3c2a7') });
  return { stacks, locations, functions, strings, mapping };
}

export interface Snapshot {
  readonly name: string;
  /** Gzipped protobuf, as /debug/pprof/heap serves it. */
  readonly gz: Uint8Array;
  readonly rawBytes: number;
  readonly samples: number;
}

/**
 * `count` snapshots of one process: snapshot k holds the first (0.5 + 0.5 k/(count-1)) of the buckets, so the
 * first has about half the samples of the last; one stack in fifty leaks and grows in every snapshot.
 */
export function generateSeries(spec: ProfileSpec, count: number): Snapshot[] {
  const shape = buildShape(spec);
  const rand = rng(spec.seed * 7919);
  const { strings } = shape;
  const sampleTypes = [
    new ValueType({ type: strings.dedup('alloc_objects'), unit: strings.dedup('count') }),
    new ValueType({ type: strings.dedup('alloc_space'), unit: strings.dedup('bytes') }),
    new ValueType({ type: strings.dedup('inuse_objects'), unit: strings.dedup('count') }),
    new ValueType({ type: strings.dedup('inuse_space'), unit: strings.dedup('bytes') }),
  ];
  const bytesKey = strings.dedup('bytes');
  // Buckets: every stack once, then extra object sizes on random stacks, in a shuffled (hash-like) order.
  const bucketStack = new Int32Array(spec.samples);
  const bucketSize = new Int32Array(spec.samples);
  const bucketBase = new Float64Array(spec.samples);
  for (let i = 0; i < spec.samples; i++) {
    bucketStack[i] = i < shape.stacks.length ? i : Math.floor(rand() * shape.stacks.length);
    bucketSize[i] = SIZE_CLASSES[Math.floor(rand() * rand() * SIZE_CLASSES.length)];
    bucketBase[i] = 1 + Math.floor(rand() * rand() * 400);
  }
  for (let i = spec.samples - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [bucketStack[i], bucketStack[j]] = [bucketStack[j], bucketStack[i]];
    [bucketSize[i], bucketSize[j]] = [bucketSize[j], bucketSize[i]];
  }
  const snapshots: Snapshot[] = [];
  const startNanos = 1_700_000_000_000_000_000n;
  for (let k = 0; k < count; k++) {
    const fraction = count === 1 ? 1 : 0.5 + (0.5 * k) / (count - 1);
    const n = Math.round(spec.samples * fraction);
    const samples: Sample[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const stack = bucketStack[i];
      const size = bucketSize[i];
      const leaking = stack % 50 === 7;
      const objects = leaking ? bucketBase[i] * (k + 1) * 3 : bucketBase[i] + ((i * 31 + k * 17) % 13);
      const inuse = leaking ? objects : Math.max(0, Math.floor(objects * (0.2 + 0.1 * ((i + k) % 5))));
      const allocObjects = objects * (k + 2);
      samples[i] = new Sample({
        locationId: shape.stacks[stack],
        value: [allocObjects, allocObjects * size, inuse, inuse * size],
        label: [new Label({ key: bytesKey, num: size })],
      });
    }
    const profile = new Profile({
      sampleType: sampleTypes,
      sample: samples,
      mapping: [shape.mapping],
      location: shape.locations,
      function: shape.functions,
      stringTable: strings,
      timeNanos: startNanos + BigInt(k) * 60_000_000_000n,
      periodType: new ValueType({ type: strings.dedup('space'), unit: strings.dedup('bytes') }),
      period: 524288,
    });
    const raw = profile.encode();
    snapshots.push({ name: `snapshot_${k + 1}`, gz: gzipSync(raw), rawBytes: raw.length, samples: n });
  }
  return snapshots;
}
