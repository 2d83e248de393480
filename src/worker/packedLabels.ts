// Sample labels as a few typed-array columns and a small string table, so a profile crosses a worker
// boundary as transferable blocks instead of one cloned object array per sample (heap profiles label
// every sample with its object size), and a lazy labels array that rebuilds a sample's labels on access.
import type { Profile, SampleLabel } from '../profile/model.ts';
import { StringIds } from '../profile/stringIds.ts';

export interface PackedLabels {
  /** Number of samples. */
  readonly length: number;
  /** Labels of sample i are entries offsets[i] .. offsets[i+1]-1. */
  readonly offsets: Int32Array;
  /** Per entry: index into strings of the key, of the string value (-1: none), of the unit (-1: none). */
  readonly key: Int32Array;
  readonly str: Int32Array;
  readonly unit: Int32Array;
  /** Per entry: the numeric value; hasNum[e] is 0 when the label has none. */
  readonly num: Float64Array;
  readonly hasNum: Uint8Array;
  readonly strings: readonly string[];
}

type Labels = Profile['samples']['labels'];

/** The packed form of a labels column; null when no sample has labels. Reuses the packing of a lazy column. */
export function packLabels(labels: Labels, sampleCount: number): PackedLabels | null {
  const known = packedOf.get(labels);
  if (known) return known;
  if (labels.length === 0) return null;
  let entries = 0;
  for (let i = 0; i < labels.length; i++) entries += labels[i]?.length ?? 0;
  if (entries === 0) return null;
  const offsets = new Int32Array(sampleCount + 1);
  const key = new Int32Array(entries);
  const str = new Int32Array(entries);
  const unit = new Int32Array(entries);
  const num = new Float64Array(entries);
  const hasNum = new Uint8Array(entries);
  const strings = new StringIds();
  const intern = (s: string | undefined): number => (s === undefined ? -1 : strings.idOf(s));
  let e = 0;
  for (let i = 0; i < sampleCount; i++) {
    offsets[i] = e;
    const ls = i < labels.length ? labels[i] : undefined;
    if (!ls) continue;
    for (const l of ls) {
      key[e] = intern(l.key);
      str[e] = intern(l.str);
      unit[e] = intern(l.unit);
      if (l.num !== undefined) {
        num[e] = l.num;
        hasNum[e] = 1;
      }
      e++;
    }
  }
  offsets[sampleCount] = e;
  return { length: sampleCount, offsets, key, str, unit, num, hasNum, strings: strings.strings };
}

export function packedLabelsTransferables(p: PackedLabels): ArrayBuffer[] {
  return [p.offsets, p.key, p.str, p.unit, p.num, p.hasNum].map((a) => a.buffer as ArrayBuffer);
}

/** Lazy label columns -> their packed form, so they can be sent on without unpacking every sample. */
const packedOf = new WeakMap<object, PackedLabels>();

function unpackOne(p: PackedLabels, i: number): readonly SampleLabel[] | undefined {
  const from = p.offsets[i];
  const to = p.offsets[i + 1];
  if (from === to) return undefined;
  const out: SampleLabel[] = [];
  for (let e = from; e < to; e++) {
    const label: { key: string; str?: string; num?: number; unit?: string } = { key: p.strings[p.key[e]] };
    if (p.str[e] >= 0) label.str = p.strings[p.str[e]];
    if (p.hasNum[e]) label.num = p.num[e];
    if (p.unit[e] >= 0) label.unit = p.strings[p.unit[e]];
    out.push(label);
  }
  return out;
}

/**
 * A read-only array view of packed labels: `labels[i]` builds (and keeps) sample i's labels on first
 * read, so a profile whose labels nobody reads never pays for them. Behaves as the model's sparse array
 * (length, indexing, `in`, iteration and array methods).
 */
export function lazyLabels(p: PackedLabels | null): Labels {
  if (!p) return [];
  const cache: (readonly SampleLabel[] | undefined)[] = new Array(p.length);
  const built = new Uint8Array(p.length);
  const indexOf = (prop: string | symbol): number => {
    if (typeof prop !== 'string') return -1;
    const c = prop.charCodeAt(0);
    if (c < 48 || c > 57) return -1;
    const i = Number(prop);
    return Number.isInteger(i) && i < p.length && String(i) === prop ? i : -1;
  };
  const proxy = new Proxy(cache, {
    get(target, prop, receiver) {
      const i = indexOf(prop);
      if (i < 0) return Reflect.get(target, prop, receiver);
      if (!built[i]) {
        built[i] = 1;
        target[i] = unpackOne(p, i);
      }
      return target[i];
    },
    has(target, prop) {
      const i = indexOf(prop);
      if (i < 0) return Reflect.has(target, prop);
      return p.offsets[i + 1] > p.offsets[i];
    },
    set() {
      return false;
    },
    deleteProperty() {
      return false;
    },
  });
  packedOf.set(proxy, p);
  return proxy;
}

/** The profile with its labels replaced by a lazy view of `packed`. */
export function withLazyLabels(profile: Profile, packed: PackedLabels | null): Profile {
  return { ...profile, samples: { ...profile.samples, labels: lazyLabels(packed) } };
}

/** The profile without labels (for postMessage) and its packed labels, to send beside it. */
export function splitLabels(profile: Profile): { profile: Profile; labels: PackedLabels | null } {
  const labels = packLabels(profile.samples.labels, profile.samples.length);
  return { profile: labels ? { ...profile, samples: { ...profile.samples, labels: [] } } : profile, labels };
}
