// Groups a protobuf profile's samples the way pprof's Merge would (same location ids, same labels), so
// -normalize can round per merged sample as go tool pprof does (see SampleTable.mergeKey).

/** One mixing step of a 32-bit hash lane (murmur3's body); `v` must be an int32 word. */
function mix(h: number, v: number, c: number): number {
  h = Math.imul(h ^ v, c);
  return (h << 13) | (h >>> 19);
}

// Lane constants (murmur3 c1/c2): two independent lanes give a 64-bit hash.
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/**
 * Assigns each sample a group id, equal for samples with the same location-id sequence and the same labels
 * (as the file's field values: key, str, num, num_unit). Feed one sample as begin() → location()* (root
 * first) → label()* → end(key), where `key` (≥ -1) tells location sequences apart exactly or at least
 * coarsely: the reference decoder passes an id of the frame path and hashes the ids with location(); the fast
 * decoder passes the id of the exact sequence (LocationSequences) and need not hash it. Labels (and ids) are
 * hashed into 64 bits rather than stored (a 575k-sample profile would need ~45 MB to keep every id list), so
 * two samples would have to share their key and collide in 64 bits to be grouped wrongly (odds ~n²/2^65 per
 * profile, about 1e-8 at 575k samples). Ids are dense in order of first appearance, so both decoders give
 * the same ids.
 */
export class SampleMergeKeys {
  // The two hash lanes so far, in a typed array: int32 values past ±2^30 kept in object fields could be boxed
  // as heap numbers on every store.
  private readonly lanes = new Int32Array(2);
  // Per sample: its group, and for the first sample of each group its hash and the previous such sample on
  // the same leaf stack (+1, 0 = none); head[stack + 1] is the last such sample on that stack (+1).
  private keys: Int32Array;
  private hash1: Int32Array;
  private hash2: Int32Array;
  private next: Int32Array;
  private head = new Int32Array(1024);
  private count = 0;
  private groups = 0;

  /** `expectedSamples`: the decoder's sample count, so the columns are allocated once. */
  constructor(expectedSamples = 1024) {
    const capacity = Math.max(16, expectedSamples);
    this.keys = new Int32Array(capacity);
    this.hash1 = new Int32Array(capacity);
    this.hash2 = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  begin(): void {
    this.lanes[0] = 0x12345678;
    this.lanes[1] = 0x6789abcd;
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

  end(key: number): void {
    const lanes = this.lanes;
    const h1 = lanes[0];
    const h2 = lanes[1];
    const n = this.count;
    if (n === this.keys.length) this.growSamples(n * 2);
    // Samples are chained per key (most keys have one sample): a new sample compares only with the
    // first sample of each group already on its key, and reading head[] follows the keys, which
    // grow with the file, instead of probing a table of all groups at random.
    const at = key + 1;
    if (at >= this.head.length) {
      const head = new Int32Array(Math.max(at + 1, this.head.length * 2));
      head.set(this.head);
      this.head = head;
    }
    let group = -1;
    for (let s = this.head[at] - 1; s >= 0; s = this.next[s] - 1) {
      if (this.hash1[s] === h1 && this.hash2[s] === h2) {
        group = this.keys[s];
        break;
      }
    }
    if (group < 0) {
      group = this.groups++;
      this.hash1[n] = h1;
      this.hash2[n] = h2;
      this.next[n] = this.head[at];
      this.head[at] = n + 1;
    }
    this.keys[n] = group;
    this.count = n + 1;
  }

  private growSamples(capacity: number): void {
    const grow = (a: Int32Array): Int32Array => {
      const next = new Int32Array(capacity);
      next.set(a);
      return next;
    };
    this.keys = grow(this.keys);
    this.hash1 = grow(this.hash1);
    this.hash2 = grow(this.hash2);
    this.next = grow(this.next);
  }

  /** Group id of every sample, in the order they were fed. */
  finish(): Int32Array {
    return this.keys.slice(0, this.count);
  }
}
