// A bounds-checked reader of the protobuf wire format over a Uint8Array. Every malformed byte sequence
// becomes a ProfileError naming the file and the byte offset; nothing is read past `end`.
import { ProfileError } from './errors.ts';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

const TWO_POW_32 = 4294967296;

export class ProtoReader {
  readonly buf: Uint8Array;
  readonly fileName: string;
  pos: number;
  end: number;

  constructor(buf: Uint8Array, fileName: string, pos = 0, end = buf.length) {
    this.buf = buf;
    this.fileName = fileName;
    this.pos = pos;
    this.end = end;
  }

  /** An unsigned varint (uint64) as a number: exact below 2^53, rounded like Number(bigint) above. */
  uint(): number {
    const pos = this.pos;
    if (pos < this.end) {
      const b = this.buf[pos];
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    return this.varintSlow(false);
  }

  /** An int64 varint, sign-extended: ten-byte encodings of negative numbers come back negative. */
  int64(): number {
    const pos = this.pos;
    if (pos < this.end) {
      const b = this.buf[pos];
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    return this.varintSlow(true);
  }

  private varintSlow(signed: boolean): number {
    const buf = this.buf;
    const end = this.end;
    const start = this.pos;
    let pos = start;
    let lo = 0;
    let b = 0;
    // Bytes 1-4 carry bits 0-27 and fit a small integer.
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) throw this.truncatedVarint(start);
      b = buf[pos++];
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return lo;
      }
    }
    // Byte 5 carries bits 28-34: four into the low word, three into the high word.
    if (pos >= end) throw this.truncatedVarint(start);
    b = buf[pos++];
    lo |= (b & 0x0f) << 28;
    let hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (let shift = 3; ; shift += 7) {
        if (pos >= end) throw this.truncatedVarint(start);
        b = buf[pos++];
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
        if (shift >= 31) {
          throw new ProfileError(this.fileName, 'protobuf', `varint longer than 10 bytes at byte ${start}`);
        }
      }
    }
    this.pos = pos;
    // One rounding step in each case, so the result equals Number(BigInt.asIntN / asUintN(64, v)).
    return signed ? (hi | 0) * TWO_POW_32 + (lo >>> 0) : (hi >>> 0) * TWO_POW_32 + (lo >>> 0);
  }

  private truncatedVarint(start: number): ProfileError {
    return new ProfileError(this.fileName, 'protobuf', `truncated varint at byte ${start}`);
  }

  /** A field key: returns `field << 3 | wireType`, rejecting field number 0. */
  tag(): number {
    const at = this.pos;
    const key = this.uint();
    if (key < 8 || key > 0xffffffff) {
      throw new ProfileError(this.fileName, 'protobuf', `invalid field key ${key} at byte ${at}`);
    }
    return key;
  }

  /** Reads a length prefix and returns where the length-delimited value ends (the reader is at its start). */
  lenEnd(what: string): number {
    const at = this.pos;
    const len = this.uint();
    const end = this.pos + len;
    if (end > this.end) {
      throw new ProfileError(
        this.fileName,
        'protobuf',
        `${what} at byte ${at} is ${len} bytes long but only ${this.end - this.pos} remain (truncated or corrupt)`,
      );
    }
    return end;
  }

  /** Skips the value of a field whose key has been read. */
  skip(wireType: number, keyAt: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.uint();
        return;
      case WIRE_FIXED64:
        this.advance(8, keyAt);
        return;
      case WIRE_LEN:
        this.pos = this.lenEnd('a field');
        return;
      case WIRE_FIXED32:
        this.advance(4, keyAt);
        return;
      default:
        throw new ProfileError(this.fileName, 'protobuf', `unsupported wire type ${wireType} at byte ${keyAt}`);
    }
  }

  private advance(n: number, keyAt: number): void {
    if (this.pos + n > this.end) {
      throw new ProfileError(this.fileName, 'protobuf', `truncated fixed-size field at byte ${keyAt}`);
    }
    this.pos += n;
  }

  wrongWireType(field: number, what: string, wireType: number, keyAt: number): ProfileError {
    return new ProfileError(this.fileName, 'protobuf', `field ${field} (${what}) has wire type ${wireType} at byte ${keyAt}`);
  }
}
