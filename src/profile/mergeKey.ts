// Groups a protobuf profile's samples the way pprof's Merge would (same location ids, same labels), so
// -normalize can round per merged sample as go tool pprof does (see SampleTable.mergeKey).

/** One mixing step of a 32-bit hash lane (murmur3's body); `v` must be an int32 word. */
function mix(h: number, v: number, c: number): number {
  h = Math.imul(h ^ v, c);
  return (h << 13) | (h >>> 19);
}

// Lane constants (murmur3 c1/c2, golden ratio): two independent lanes give a 64-bit hash.
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const FINAL = 0x9e3779b1;

/**
 * Assigns each sample a group id, equal for samples with the same leaf stack id, the same location-id
 * sequence and the same labels (as the file's field values: key, str, num, num_unit). The location ids and
 * labels are hashed into 64 bits rather than stored (a 575k-sample profile would need ~45 MB to keep every
 * id list); the leaf stack id is compared exactly, so two samples would have to share their stack and
 * collide in 64 bits to be grouped wrongly (odds ~n²/2^65 per profile, about 1e-8 at 575k samples).
 * Feed one sample as begin() → location()* (root first) → label()* → end(stack). Both protobuf decoders use
 * this with the same inputs, so they give the same ids. The hash state after each location can be saved
 * (state1/state2) and restored (resume) so a stack prefix shared with the previous sample is not hashed again.
 */
export class SampleMergeKeys {
  // The two hash lanes so far, in a typed array: int32 values past ±2^30 kept in object fields would be boxed
  // as heap numbers on every store (measured: +16% decode time on the medium bench profile).
  private readonly lanes = new Int32Array(2);
  private keys = new Int32Array(1024);
  private count = 0;
  // Open addressing: each slot is [group id + 1 (0 = empty), stack, h1, h2].
  private slots = new Int32Array(4 * 1024);
  private slotBits = 10;
  private groups = 0;

  begin(): void {
    this.lanes[0] = 0x12345678;
    this.lanes[1] = 0x6789abcd;
  }

  /** Lane 1 of the hash state (to save for resume). */
  get state1(): number {
    return this.lanes[0];
  }

  /** Lane 2 of the hash state (to save for resume). */
  get state2(): number {
    return this.lanes[1];
  }

  /** Continues from a state saved after some locations of an earlier sample (the same ones, in order). */
  resume(state1: number, state2: number): void {
    this.lanes[0] = state1;
    this.lanes[1] = state2;
  }

  /** A non-negative integer field of the sample (a location id), possibly above 2^32. */
  location(id: number): void {
    const lanes = this.lanes;
    const lo = id | 0;
    let h1 = mix(lanes[0], lo, C1);
    let h2 = mix(lanes[1], lo, C2);
    if (id > 0x7fffffff) {
      const hi = (id / 4294967296) | 0;
      h1 = mix(h1, hi, C1);
      h2 = mix(h2, hi, C2);
    }
    lanes[0] = h1;
    lanes[1] = h2;
  }

  label(key: number, str: number, num: number, unit: number): void {
    // A separator word so location ids and label fields cannot line up into the same sequence.
    const lanes = this.lanes;
    lanes[0] = mix(lanes[0], -1, C1);
    lanes[1] = mix(lanes[1], -1, C2);
    this.location(key);
    this.location(str);
    // num is a signed int64 as a double: hash its low and high 32 bits exactly (no division when it fits int32).
    const small = (num | 0) === num;
    const lo = small ? num : num % 4294967296 | 0;
    const hi = small ? (num < 0 ? -1 : 0) : Math.floor(num / 4294967296) | 0;
    lanes[0] = mix(mix(lanes[0], lo, C1), hi, C1);
    lanes[1] = mix(mix(lanes[1], lo, C2), hi, C2);
    this.location(unit);
  }

  end(stack: number): void {
    const h1 = Math.imul(this.lanes[0] ^ (this.lanes[0] >>> 16), FINAL);
    const h2 = this.lanes[1];
    const slots = this.slots;
    const mask = (1 << this.slotBits) - 1;
    let at = ((Math.imul(h1 ^ stack, FINAL) >>> 0) & mask) * 4;
    let group = -1;
    while (slots[at] !== 0) {
      if (slots[at + 1] === stack && slots[at + 2] === h1 && slots[at + 3] === h2) {
        group = slots[at] - 1;
        break;
      }
      at = (at + 4) & (mask * 4 + 3);
    }
    if (group < 0) {
      group = this.groups++;
      slots[at] = group + 1;
      slots[at + 1] = stack;
      slots[at + 2] = h1;
      slots[at + 3] = h2;
      if (this.groups * 2 > 1 << this.slotBits) this.grow();
    }
    if (this.count === this.keys.length) {
      const next = new Int32Array(this.keys.length * 2);
      next.set(this.keys);
      this.keys = next;
    }
    this.keys[this.count++] = group;
  }

  private grow(): void {
    const bits = this.slotBits + 1;
    const slots = new Int32Array(4 << bits);
    const mask = (1 << bits) - 1;
    const old = this.slots;
    for (let i = 0; i < old.length; i += 4) {
      if (old[i] === 0) continue;
      let at = ((Math.imul(old[i + 2] ^ old[i + 1], FINAL) >>> 0) & mask) * 4;
      while (slots[at] !== 0) at = (at + 4) & (mask * 4 + 3);
      slots[at] = old[i];
      slots[at + 1] = old[i + 1];
      slots[at + 2] = old[i + 2];
      slots[at + 3] = old[i + 3];
    }
    this.slots = slots;
    this.slotBits = bits;
  }

  /** Group id of every sample, in the order they were fed. */
  finish(): Int32Array {
    return this.keys.slice(0, this.count);
  }
}
