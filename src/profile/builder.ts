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

/** Multiplicative (Fibonacci) hash of a (parent, frame) pair into `bits` bits. */
function stackHash(parent: number, frame: number, bits: number): number {
  return Math.imul((parent + 1) ^ Math.imul(frame, 0x27d4eb2d), 0x9e3779b1) >>> (32 - bits);
}

export class ProfileBuilder {
  private readonly fileName: string;
  private readonly frameIndex = new Map<string, number>();
  private readonly frameNames: string[] = [];
  private readonly frameFiles: string[] = [];
  private readonly frameLines = new GrowableInt32();
  // Stack trie index: open addressing over (parent, frame). Each slot holds [stack id + 1 (0 = empty), parent,
  // frame] side by side, so a probe touches one cache line and allocates nothing (a Map keyed by packed numbers
  // above 2^31 hashes heap numbers, and separate key arrays cost two more cache misses per lookup).
  private stackSlots = new Int32Array(3 * (1 << 12));
  private stackSlotBits = 12;
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

  /** The stack that extends `parent` (-1 for none) by `frame`. */
  internStack(parent: number, frame: number): number {
    const slots = this.stackSlots;
    const bits = this.stackSlotBits;
    const mask = (1 << bits) - 1;
    let h = stackHash(parent, frame, bits);
    for (;;) {
      const at = h * 3;
      const slot = slots[at];
      if (slot === 0) break;
      if (slots[at + 2] === frame && slots[at + 1] === parent) return slot - 1;
      h = (h + 1) & mask;
    }
    const id = this.stackFrame.length;
    const depth = parent < 0 ? 1 : this.stackDepth.data[parent] + 1;
    if (depth > decodeLimits.maxStackDepth) {
      throw new ProfileError(this.fileName, 'limit', `a stack is deeper than ${decodeLimits.maxStackDepth} frames`);
    }
    const at = h * 3;
    slots[at] = id + 1;
    slots[at + 1] = parent;
    slots[at + 2] = frame;
    this.stackFrame.push(frame);
    this.stackParent.push(parent);
    this.stackDepth.push(depth);
    // Keep the load factor at or below 1/2 so probes stay short.
    if ((id + 1) * 2 > 1 << bits) this.growStackSlots();
    return id;
  }

  private growStackSlots(): void {
    const bits = this.stackSlotBits + 1;
    if (bits > MAX_STACK_SLOT_BITS) {
      throw new ProfileError(this.fileName, 'limit', `more than ${2 ** (MAX_STACK_SLOT_BITS - 1)} distinct stacks`);
    }
    const slots = new Int32Array(3 * (1 << bits));
    const mask = (1 << bits) - 1;
    const frames = this.stackFrame.data;
    const parents = this.stackParent.data;
    for (let id = 0; id < this.stackFrame.length; id++) {
      let h = stackHash(parents[id], frames[id], bits);
      while (slots[h * 3] !== 0) h = (h + 1) & mask;
      slots[h * 3] = id + 1;
      slots[h * 3 + 1] = parents[id];
      slots[h * 3 + 2] = frames[id];
    }
    this.stackSlots = slots;
    this.stackSlotBits = bits;
  }

  /** Interns frames given root first and returns the leaf stack id (-1 for an empty stack). */
  internFramesRootFirst(frames: readonly number[]): number {
    let stack = -1;
    for (const frame of frames) stack = this.internStack(stack, frame);
    return stack;
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
