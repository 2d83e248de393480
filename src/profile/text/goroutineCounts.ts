// `goroutine profile: total N` (debug=1): one record per distinct stack,
//   900 @ 0x437956 0x4061db 0x4b848f 0x462ee1
//   # labels: {"handler":"poll"}            (only when the goroutines carry pprof labels)
//   #	0x4b848e	main.startHeartbeat.func1+0x4e	profilegen/timer-leak/main.go:38
// Go prints no symbol for the leading runtime frames (runtime.gopark, chanrecv, ...), so those are
// absent here although the proto has them; the remaining frames and all counts match the proto.
import { ProfileBuilder } from '../builder.ts';
import { ProfileError } from '../errors.ts';
import type { Profile, SampleLabel } from '../model.ts';
import { goroutineProfileHeader } from './goroutineHeader.ts';
import { quoteLine, type TextLines } from './lines.ts';
import { isSymbolLine, parseSymbolLine } from './symbolLine.ts';

const HEADER = /^\s*goroutine profile: total (\d+)\s*$/;
const RECORD = /^\s*(\d+) @((?:\s+0x[0-9a-fA-F]+)*)\s*$/;
const LABELS = /^#\s*labels:\s*\{(.*)\}\s*$/;

export function parseGoroutineCounts(lines: TextLines, first: number, fileName: string, byteSize: number): Profile {
  if (!HEADER.test(lines.at(first))) {
    throw new ProfileError(fileName, 'text-syntax', `line ${first}: expected 'goroutine profile: total <count>', got ${quoteLine(lines.at(first))}`);
  }
  const builder = new ProfileBuilder(fileName, 1);
  const value = new Float64Array(1);
  let pending: { count: number; addresses: string[]; labels: SampleLabel[] | undefined; frames: number[] } | null = null;
  const flush = (): void => {
    if (!pending) return;
    let frames = pending.frames;
    if (frames.length === 0) {
      frames = pending.addresses.map((a) => builder.internFrame(`0x${(parseInt(a, 16) - 1).toString(16)}`, '', 0));
    }
    value[0] = pending.count;
    builder.addSample(builder.addLeafFirstPath(frames), value, pending.labels);
    pending = null;
  };

  for (let n = first + 1; n <= lines.count; n++) {
    const line = lines.at(n);
    if (isSymbolLine(line)) {
      const frame = parseSymbolLine(line);
      if (!pending || !frame) {
        throw new ProfileError(fileName, 'text-syntax', pending ? `line ${n}: malformed frame line ${quoteLine(line)}` : `line ${n}: frame line outside a record`);
      }
      pending.frames.push(builder.internFrame(frame.name, frame.file, frame.line));
      continue;
    }
    const labels = LABELS.exec(line);
    if (labels) {
      if (!pending || pending.frames.length > 0) throw new ProfileError(fileName, 'text-syntax', `line ${n}: labels line outside a record`);
      pending.labels = parseLabels(labels[1]);
      continue;
    }
    flush();
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = RECORD.exec(line);
    if (!m) throw new ProfileError(fileName, 'text-syntax', `line ${n}: expected '<count> @ <addresses>', got ${quoteLine(line)}`);
    const count = Number(m[1]);
    if (!Number.isSafeInteger(count)) throw new ProfileError(fileName, 'bad-value', `line ${n}: goroutine count ${m[1]} is too large`);
    pending = { count, addresses: m[2].trim() === '' ? [] : m[2].trim().split(/\s+/), labels: undefined, frames: [] };
  }
  flush();
  return builder.build(goroutineProfileHeader(fileName, byteSize));
}

/**
 * `"key":"value", "k2":"v2"` as Go's labelMap prints it (%q quoting). A hand-written scan, not a global
 * regex: on a hostile line like `"a\"a\"a\"…` a regex restarts at every quote and goes quadratic.
 */
function parseLabels(body: string): SampleLabel[] | undefined {
  const labels: SampleLabel[] = [];
  let i = 0;
  // Reads a quoted string at i; returns its raw (still escaped) text, or null.
  const quoted = (): string | null => {
    if (body[i] !== '"') return null;
    const start = ++i;
    while (i < body.length && body[i] !== '"') i += body[i] === '\\' ? 2 : 1;
    if (i >= body.length) return null;
    return body.slice(start, i++);
  };
  while (i < body.length) {
    const key = quoted();
    if (key === null || body[i++] !== ':') break;
    const value = quoted();
    if (value === null) break;
    labels.push({ key: unquote(key), str: unquote(value) });
    while (body[i] === ',' || body[i] === ' ') i++;
  }
  return labels.length > 0 ? labels : undefined;
}

function unquote(s: string): string {
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s; // Go-only escapes such as \x41: keep the text as written
  }
}
