// Builds a Profile incrementally: interns frames by value and stacks as a trie, appends samples into
// growable typed arrays. The only place model data is mutated; build() hands back a finished value.
import { ProfileError } from './errors.ts';
import { decodeLimits } from './limits.ts';
import type {
  FrameTable,
  Mapping,
  MemStats,
  Profile,
  ProfileFormat,
  ProfileKind,
  SampleLabel,
  StackTable,
  ValueType,
} from './model.ts';

class GrowableInt32 {
  data = new Int32Array(1024);
  length = 0;
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new Int32Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  finish(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

class GrowableFloat64 {
  data = new Float64Array(1024);
  length = 0;
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new Float64Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  finish(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

// Frame ids stay below 2^24 (a limit error past it), far above decodeLimits.maxFrames.
const FRAME_KEY_SPACE = 0x1000000;

export interface ProfileHeader {
  fileName: string;
  format: ProfileFormat;
  kind: ProfileKind;
  byteSize: number;
  sampleTypes: readonly ValueType[];
  defaultSampleType: number;
  periodType: ValueType | null;
  period: number;
  timeMs: number;
  durationNanos: number;
  comments: readonly string[];
  dropFrames: string;
  keepFrames: string;
  mappings: readonly Mapping[];
  memStats: MemStats | null;
}

// The stack index never grows past 2^28 slots (2^27 stacks, far beyond any profile that fits in memory).
const MAX_STACK_SLOT_BITS = 28;
// Ints per index slot: stack id + 1 (0 = empty), prefix hash, parent, frame.
const SLOT = 4;
const ROOT_HASH = 0x3c6ef372;

/** Hash of a stack from its parent's hash and its frame: a hash of the whole frame sequence, root first. */
function extendHash(parentHash: number, frame: number): number {
  let h = Math.imul(parentHash ^ frame, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

export class ProfileBuilder {
  private readonly fileName: string;
  private readonly frameIndex = new Map<string, number>();
  private readonly frameNames: string[] = [];
  private readonly frameFiles: string[] = [];
  private readonly frameLines = new GrowableInt32();
  // Stack trie index: open addressing keyed by a hash of the stack's whole frame sequence, each slot holding
  // [stack id + 1 (0 = empty), hash, parent, frame] side by side, so a probe touches one cache line and
  // allocates nothing, and parent and frame make every match exact. Keying by the sequence rather than by
  // (parent, frame) lets internFrames compute every prefix's slot before it looks at any: its probes do not
  // wait for each other, and the CPU overlaps their cache misses (a 2M-node index does not fit in cache).
  private stackSlots = new Int32Array(SLOT * (1 << 12));
  private stackSlotBits = 12;
  private readonly stackHash = new GrowableInt32();
  private prefixHashes = new Int32Array(256);
  private candidates = new Int32Array(768);
  private readonly stackFrame = new GrowableInt32();
  private readonly stackParent = new GrowableInt32();
  private readonly stackDepth = new GrowableInt32();
  private readonly sampleStack = new GrowableInt32();
  private readonly sampleValues: GrowableFloat64[];
  private readonly sampleLabels: (readonly SampleLabel[] | undefined)[] = [];
  private anyLabels = false;

  constructor(fileName: string, sampleTypeCount: number) {
    this.fileName = fileName;
    this.sampleValues = Array.from({ length: sampleTypeCount }, () => new GrowableFloat64());
  }

  get sampleCount(): number {
    return this.sampleStack.length;
  }

  internFrame(name: string, file: string, line: number): number {
    // \u0000 cannot occur in Go symbol or file names, so it separates the two parts unambiguously.
    const key = `${name}\u0000${file}`;
    let id = this.frameIndex.get(key);
    if (id === undefined) {
      id = this.frameNames.length;
      if (id >= decodeLimits.maxFrames || id >= FRAME_KEY_SPACE) {
        throw new ProfileError(this.fileName, 'limit', `more than ${decodeLimits.maxFrames} distinct frames`);
      }
      this.frameIndex.set(key, id);
      this.frameNames.push(name);
      this.frameFiles.push(file);
      this.frameLines.push(line);
    }
    return id;
  }

  /**
   * Sizes the stack trie for about `count` stacks up front, sparing the rehashes of growing into it (a
   * decoder's estimate; more stacks still work, fewer only waste index slots, dropped with the builder).
   */
  reserveStacks(count: number): void {
    let bits = this.stackSlotBits;
    while (1 << bits < count * 2 && bits < MAX_STACK_SLOT_BITS) bits++;
    if (bits === this.stackSlotBits) return;
    this.stackSlotBits = bits - 1;
    this.growStackSlots();
  }

  /** Sizes the sample columns for `count` samples (a decoder that knows the count up front). */
  reserveSamples(count: number): void {
    this.sampleStack.reserve(count);
    for (const column of this.sampleValues) column.reserve(count);
  }

  /** The stack that extends `parent` (-1 for none) by `frame`. */
  internStack(parent: number, frame: number): number {
    const hash = extendHash(parent < 0 ? ROOT_HASH : this.stackHash.data[parent], frame);
    const found = this.findStack(hash, parent, frame);
    return found >= 0 ? found : this.addStack(hash, parent, frame);
  }

  /**
   * Interns the stack frames[0 .. count) (root first) and returns its leaf id (-1 for an empty stack).
   * `from` frames of it may be known already as stack `fromStack` (the caller's cache). When given,
   * `stacksOut[k]` receives the stack of frames[0 .. k] for k ≥ from.
   */
  internFrames(frames: Int32Array, count: number, from = 0, fromStack = -1, stacksOut?: Int32Array): number {
    if (count > this.prefixHashes.length) {
      const size = Math.max(count, this.prefixHashes.length * 2);
      this.prefixHashes = new Int32Array(size);
      this.candidates = new Int32Array(size * 3);
    }
    const hashes = this.prefixHashes;
    const candidates = this.candidates;
    const slots = this.stackSlots;
    const shift = 32 - this.stackSlotBits;
    // First every prefix's home slot, read without waiting on any other: the CPU overlaps these cache misses.
    // A home slot holding this prefix's hash and frame is a candidate, to be confirmed by its parent.
    let hash = ROOT_HASH;
    for (let k = 0; k < count; k++) {
      const frame = frames[k];
      hash = extendHash(hash, frame);
      hashes[k] = hash;
      if (k < from) continue;
      // No branch on the loaded values here: a mispredicted one would wait for its load, and serialize them.
      const at = (hash >>> shift) * SLOT;
      candidates[3 * k] = slots[at] - 1;
      candidates[3 * k + 1] = slots[at + 2];
      candidates[3 * k + 2] = (slots[at + 1] ^ hash) | (slots[at + 3] ^ frame);
    }
    let stack = fromStack;
    let k = from;
    for (; k < count; k++) {
      let found = candidates[3 * k];
      if (found < 0 || candidates[3 * k + 2] !== 0 || candidates[3 * k + 1] !== stack) found = this.findStack(hashes[k], stack, frames[k]);
      if (found < 0) break;
      stack = found;
      if (stacksOut) stacksOut[k] = stack;
    }
    // Below the first new stack every stack is new: no lookups.
    for (; k < count; k++) {
      stack = this.addStack(hashes[k], stack, frames[k]);
      if (stacksOut) stacksOut[k] = stack;
    }
    return stack;
  }

  private findStack(hash: number, parent: number, frame: number): number {
    const slots = this.stackSlots;
    const bits = this.stackSlotBits;
    const mask = (1 << bits) - 1;
    for (let h = hash >>> (32 - bits); ; h = (h + 1) & mask) {
      const at = h * SLOT;
      const slot = slots[at];
      if (slot === 0) return -1;
      if (slots[at + 1] === hash && slots[at + 3] === frame && slots[at + 2] === parent) return slot - 1;
    }
  }

  private addStack(hash: number, parent: number, frame: number): number {
    const id = this.stackFrame.length;
    const depth = parent < 0 ? 1 : this.stackDepth.data[parent] + 1;
    if (depth > decodeLimits.maxStackDepth) {
      throw new ProfileError(this.fileName, 'limit', `a stack is deeper than ${decodeLimits.maxStackDepth} frames`);
    }
    this.placeSlot(this.stackSlots, this.stackSlotBits, id, hash, parent, frame);
    this.stackFrame.push(frame);
    this.stackParent.push(parent);
    this.stackDepth.push(depth);
    this.stackHash.push(hash);
    // Keep the load factor at or below 1/2 so probes stay short.
    if ((id + 1) * 2 > 1 << this.stackSlotBits) this.growStackSlots();
    return id;
  }

  private placeSlot(slots: Int32Array, bits: number, id: number, hash: number, parent: number, frame: number): void {
    const mask = (1 << bits) - 1;
    let h = hash >>> (32 - bits);
    while (slots[h * SLOT] !== 0) h = (h + 1) & mask;
    const at = h * SLOT;
    slots[at] = id + 1;
    slots[at + 1] = hash;
    slots[at + 2] = parent;
    slots[at + 3] = frame;
  }

  private growStackSlots(): void {
    const bits = this.stackSlotBits + 1;
    if (bits > MAX_STACK_SLOT_BITS) {
      throw new ProfileError(this.fileName, 'limit', `more than ${2 ** (MAX_STACK_SLOT_BITS - 1)} distinct stacks`);
    }
    const slots = new Int32Array(SLOT * (1 << bits));
    const frames = this.stackFrame.data;
    const parents = this.stackParent.data;
    const hashes = this.stackHash.data;
    for (let id = 0; id < this.stackFrame.length; id++) this.placeSlot(slots, bits, id, hashes[id], parents[id], frames[id]);
    this.stackSlots = slots;
    this.stackSlotBits = bits;
  }

  addSample(stack: number, values: ArrayLike<number>, labels?: readonly SampleLabel[]): void {
    if (this.sampleStack.length >= decodeLimits.maxSamples) {
      throw new ProfileError(this.fileName, 'limit', `more than ${decodeLimits.maxSamples} samples`);
    }
    this.sampleStack.push(stack);
    for (let i = 0; i < this.sampleValues.length; i++) this.sampleValues[i].push(values[i] ?? 0);
    if (labels && labels.length > 0) {
      this.anyLabels = true;
      this.sampleLabels[this.sampleStack.length - 1] = labels;
    }
  }

  /** `mergeKey`: the decoder's SampleTable.mergeKey column (one id per added sample), when it has one. */
  build(header: ProfileHeader, mergeKey?: Int32Array): Profile {
    const frames: FrameTable = {
      length: this.frameNames.length,
      name: this.frameNames,
      file: this.frameFiles,
      line: this.frameLines.finish(),
    };
    const stacks: StackTable = {
      length: this.stackFrame.length,
      frame: this.stackFrame.finish(),
      parent: this.stackParent.finish(),
      depth: this.stackDepth.finish(),
    };
    const count = this.sampleStack.length;
    if (mergeKey && mergeKey.length !== count) {
      throw new Error(`mergeKey has ${mergeKey.length} ids for ${count} samples`);
    }
    let labels: (readonly SampleLabel[] | undefined)[] = [];
    if (this.anyLabels) {
      labels = this.sampleLabels;
      labels.length = count;
    }
    return {
      ...header,
      frames,
      stacks,
      samples: {
        length: count,
        stack: this.sampleStack.finish(),
        values: this.sampleValues.map((v) => v.finish()),
        labels,
        ...(mergeKey ? { mergeKey } : {}),
      },
    };
  }
}
