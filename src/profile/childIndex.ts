// An index of trie nodes by (parent, frame) for one level of a trie at a time: sized for that level, it stays
// in cache where an index of a whole million-node trie cannot (stackTrie.ts, and the diff's mergeStacks.ts).

/** Slot layout: node id + 1 (0 = empty), parent, frame. */
const SLOT = 4;

/** Open-addressing index of nodes by (parent, frame), at most half full. */
export class ChildIndex {
  private slots = new Int32Array(SLOT << 10);
  private bits = 10;
  private count = 0;

  /** Empties the index, sized for about `expected` nodes. */
  reset(expected: number): void {
    let bits = 4;
    while (1 << bits < expected * 2) bits++;
    this.bits = bits;
    this.count = 0;
    const size = SLOT << bits;
    if (this.slots.length < size) this.slots = new Int32Array(size);
    else this.slots.fill(0, 0, size);
  }

  find(parent: number, frame: number): number {
    const slots = this.slots;
    const mask = (1 << this.bits) - 1;
    for (let h = slotOf(parent, frame, this.bits); ; h = (h + 1) & mask) {
      const at = h * SLOT;
      const slot = slots[at];
      if (slot === 0) return -1;
      if (slots[at + 2] === frame && slots[at + 1] === parent) return slot - 1;
    }
  }

  /** Adds a node not in the index; true when the index is now too full and must be rebuilt larger. */
  add(node: number, parent: number, frame: number): boolean {
    this.place(node, parent, frame);
    return ++this.count * 2 > 1 << this.bits;
  }

  /** Doubles the index and re-adds the level's nodes from..to (their parents and frames given). */
  rebuild(frames: Int32Array, parents: Int32Array, from: number, to: number): void {
    this.reset(1 << this.bits);
    for (let node = from; node < to; node++) this.place(node, parents[node], frames[node]);
    this.count = to - from;
  }

  private place(node: number, parent: number, frame: number): void {
    const slots = this.slots;
    const mask = (1 << this.bits) - 1;
    let h = slotOf(parent, frame, this.bits);
    while (slots[h * SLOT] !== 0) h = (h + 1) & mask;
    const at = h * SLOT;
    slots[at] = node + 1;
    slots[at + 1] = parent;
    slots[at + 2] = frame;
  }
}

function slotOf(parent: number, frame: number, bits: number): number {
  return Math.imul((parent + 1) ^ Math.imul(frame, 0x27d4eb2d), 0x9e3779b1) >>> (32 - bits);
}
