// Interns frames (by name + file) and stacks (a trie keyed by parent + frame) into growable typed
// arrays. Used to build the union of two profiles and the re-rooted stacks of call-tree transforms.
import type { FrameTable, StackTable } from '../profile/model.ts';

// (parent + 1, frame) packed into one safe integer: frame < 2^24, parent + 1 < 2^29.
const FRAME_KEY_SPACE = 0x1000000;

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

export class StackTableBuilder {
  private readonly index = new Map<number, number>();
  private frame: Int32Array<ArrayBuffer>;
  private parent: Int32Array<ArrayBuffer>;
  private depth: Int32Array<ArrayBuffer>;
  length = 0;

  constructor(capacity = 1024) {
    this.frame = new Int32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.depth = new Int32Array(capacity);
  }

  /** Starts from an existing table, keeping its ids (the table must be a trie: no duplicate (parent, frame)). */
  static from(stacks: StackTable, extraCapacity = 0): StackTableBuilder {
    const b = new StackTableBuilder(stacks.length + extraCapacity + 16);
    for (let i = 0; i < stacks.length; i++) b.intern(stacks.parent[i], stacks.frame[i]);
    return b;
  }

  /** The stack that extends `parent` (-1 for a root) by `frame`. */
  intern(parent: number, frame: number): number {
    const key = (parent + 1) * FRAME_KEY_SPACE + frame;
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.length++;
      if (id >= this.frame.length) {
        this.frame = grow(this.frame, id + 1);
        this.parent = grow(this.parent, id + 1);
        this.depth = grow(this.depth, id + 1);
      }
      this.index.set(key, id);
      this.frame[id] = frame;
      this.parent[id] = parent;
      this.depth[id] = parent < 0 ? 1 : this.depth[parent] + 1;
    }
    return id;
  }

  finish(): StackTable {
    const n = this.length;
    return { length: n, frame: this.frame.slice(0, n), parent: this.parent.slice(0, n), depth: this.depth.slice(0, n) };
  }
}
