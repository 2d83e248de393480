// Legacy text goroutine profiles: `debug=1` (counts per stack, symbolized `#` lines) and `debug=2` (the
// full panic-style dump). Both become a goroutine/count profile like the one Go writes as a proto.
import { ProfileError } from '../errors.ts';
import type { Profile } from '../model.ts';
import { parseGoroutineCounts } from './goroutineCounts.ts';
import { parseGoroutineDump } from './goroutineDump.ts';
import { splitLines, quoteLine } from './lines.ts';

export function parseGoroutineText(text: string, fileName: string, byteSize: number): Profile {
  const lines = splitLines(text);
  let first = 1;
  while (first <= lines.count && lines.at(first).trim() === '') first++;
  if (first > lines.count) throw new ProfileError(fileName, 'empty', 'is empty');
  const header = lines.at(first).trim();
  if (header.startsWith('goroutine profile:')) return parseGoroutineCounts(lines, first, fileName, byteSize);
  if (/^goroutine \d+\b/.test(header)) return parseGoroutineDump(lines, first, fileName, byteSize);
  throw new ProfileError(
    fileName,
    'text-syntax',
    `line ${first}: unknown goroutine profile header ${quoteLine(header)} (expected 'goroutine profile: total N' or 'goroutine N [state]:')`,
  );
}
