// The single entry point from bytes to Profile: sniffs the format explicitly, then hands off to
// exactly one parser. Every failure is a ProfileError naming the file.
import { decodeProtobuf } from './decodeProtobuf.ts';
import { ProfileError } from './errors.ts';
import { gunzipProfile, isGzip } from './gunzip.ts';
import type { Profile } from './model.ts';
import { sniffFormat } from './sniff.ts';
import { parseHeapText } from './text/heapText.ts';
import { parseGoroutineText } from './text/goroutineText.ts';

export interface DecodeOptions {
  /** Decoder for protobuf input; defaults to decodeProtobuf (decodePprofReference is the reference). */
  readonly decodeProtobuf?: (raw: Uint8Array, fileName: string, byteSize: number) => Profile;
  /** Inflater for gzip input; defaults to gunzipProfile (pako, runs anywhere). Must fail as it does. */
  readonly gunzip?: (bytes: Uint8Array, fileName: string) => Uint8Array;
}

export function decodeProfile(bytes: Uint8Array, fileName: string, options: DecodeOptions = {}): Profile {
  try {
    if (bytes.length === 0) throw new ProfileError(fileName, 'empty', 'is empty (0 bytes)');
    const raw = isGzip(bytes) ? (options.gunzip ?? gunzipProfile)(bytes, fileName) : bytes;
    if (raw.length === 0) throw new ProfileError(fileName, 'empty', 'is an empty gzip stream');
    const format = sniffFormat(raw);
    switch (format) {
      case 'pprof':
        return (options.decodeProtobuf ?? decodeProtobuf)(raw, fileName, bytes.length);
      case 'heap-text':
        return parseHeapText(decodeText(raw), fileName, bytes.length);
      case 'goroutine-text':
        return parseGoroutineText(decodeText(raw), fileName, bytes.length);
      case 'unknown-text': {
        const legacy = legacyTextProfileName(firstLine(raw));
        if (legacy) {
          throw new ProfileError(
            fileName,
            'not-a-profile',
            `is a legacy text ${legacy} profile (debug=1), which is not supported: only heap and goroutine profiles are read as text. Fetch it without ?debug=1 to get the protobuf form`,
          );
        }
        throw new ProfileError(fileName, 'not-a-profile', `is text but not a Go profile (starts with "${firstLine(raw)}")`);
      }
      default: {
        const never: never = format;
        throw new Error(`unhandled format ${String(never)}`);
      }
    }
  } catch (e) {
    if (e instanceof ProfileError) throw e;
    if (e instanceof RangeError) throw new ProfileError(fileName, 'limit', `is too large to decode (${e.message})`);
    throw new ProfileError(fileName, 'not-a-profile', `could not be decoded (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The other profiles Go writes as text with ?debug=1: `threadcreate profile: total 9`, `--- mutex:`, `--- contention:`. */
function legacyTextProfileName(head: string): string | null {
  const counted = /^(\w+) profile: total \d+/.exec(head);
  if (counted) return counted[1];
  if (head.startsWith('--- mutex:')) return 'mutex';
  if (head.startsWith('--- contention:')) return 'block';
  return null;
}

function decodeText(raw: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(raw);
}

function firstLine(raw: Uint8Array): string {
  const head = decodeText(raw.subarray(0, 80)).split('\n')[0];
  return head.length > 60 ? `${head.slice(0, 60)}…` : head;
}
