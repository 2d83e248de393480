// Interns frames (by name + file) and stacks (a trie keyed by parent + frame) into growable typed
// arrays. Used for the union's frame table (align.ts) and the re-rooted stacks of call-tree transforms.
import type { FrameTable, StackTable } from '../profile/model.ts';

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const next = new Int32Array(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

export class FrameTableBuilder {
  private readonly index = new Map<string, number>();
  readonly names: string[] = [];
  readonly files: string[] = [];
  private lines: Int32Array<ArrayBuffer> = new Int32Array(256);

  /** Starts from an existing table, keeping its ids. */
  static from(frames: FrameTable): FrameTableBuilder {
    const b = new FrameTableBuilder();
    for (let i = 0; i < frames.length; i++) b.intern(frames.name[i], frames.file[i], frames.line[i]);
    return b;
  }

  get length(): number {
    return this.names.length;
  }

  intern(name: string, file: string, line: number): number {
    const key = `${name}\u0000${file}`;
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.index.set(key, id);
      this.names.push(name);
      this.files.push(file);
      this.lines = grow(this.lines, id + 1);
      this.lines[id] = line;
    }
    return id;
  }

  finish(): FrameTable {
    return { length: this.names.length, name: this.names, file: this.files, line: this.lines.slice(0, this.names.length) };
  }
}

/** Multiplicative hash of a (parent, frame) pair into `bits` bits. */
function stackHash(parent: number, frame: number, bits: number): number {
  return Math.imul((parent + 1) ^ Math.imul(frame, 0x27d4eb2d), 0x9e3779b1) >>> (32 - bits);
}

/**
 * Stack trie with an open-addressing index over (parent, frame): slots hold stack id + 1 (0 = empty)
 * and the keys are the stack arrays themselves, so a lookup allocates nothing (a Map keyed by packed
 * numbers is several times slower on million-stack profiles).
 */
export class StackTableBuilder {
  private slots: Int32Array<ArrayBuffer>;
  private slotBits: number;
  private frame: Int32Array<ArrayBuffer>;
  private parent: Int32Array<ArrayBuffer>;
  private depth: Int32Array<ArrayBuffer>;
  length = 0;

  constructor(capacity = 1024) {
    const cap = Math.max(16, capacity);
    this.frame = new Int32Array(cap);
    this.parent = new Int32Array(cap);
    this.depth = new Int32Array(cap);
    this.slotBits = Math.max(10, Math.ceil(Math.log2(cap * 2)));
    this.slots = new Int32Array(1 << this.slotBits);
  }

  /** The stack that extends `parent` (-1 for a root) by `frame`. */
  intern(parent: number, frame: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let h = stackHash(parent, frame, this.slotBits);
    for (;;) {
      const slot = slots[h];
      if (slot === 0) break;
      const id = slot - 1;
      if (this.frame[id] === frame && this.parent[id] === parent) return id;
      h = (h + 1) & mask;
    }
    const id = this.length++;
    if (id >= this.frame.length) {
      this.frame = grow(this.frame, id + 1);
      this.parent = grow(this.parent, id + 1);
      this.depth = grow(this.depth, id + 1);
    }
    this.frame[id] = frame;
    this.parent[id] = parent;
    this.depth[id] = parent < 0 ? 1 : this.depth[parent] + 1;
    slots[h] = id + 1;
    // Keep the load factor under 1/2.
    if (this.length * 2 > slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    this.slotBits++;
    const slots = new Int32Array(1 << this.slotBits);
    const mask = slots.length - 1;
    for (let id = 0; id < this.length; id++) {
      let h = stackHash(this.parent[id], this.frame[id], this.slotBits);
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = id + 1;
    }
    this.slots = slots;
  }

  finish(): StackTable {
    const n = this.length;
    return { length: n, frame: this.frame.slice(0, n), parent: this.parent.slice(0, n), depth: this.depth.slice(0, n) };
  }
}
