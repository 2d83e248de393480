// The full goroutine dump (debug=2, the same text a panic prints), grouped into one sample per distinct
// (stack, wait state, creator) with the number of goroutines as its value:
//   goroutine 7 [chan receive, 3 minutes]:
//   main.startHeartbeat.func1()
//   	profilegen/timer-leak/main.go:38 +0x4f
//   created by main.startHeartbeat in goroutine 1
//   	profilegen/timer-leak/main.go:37 +0x73
// Labels per sample: state ("chan receive"), wait_minutes (the longest wait in the group, 0 when not
// shown), created_by and created_at (file:line). The creator is not part of the stack, as in Go's proto.
// The dump hides runtime frames (runtime.gopark ...) and the profiling goroutine's own stack differs from
// the proto's; everything else matches the proto's counts.
import { ProfileBuilder } from '../builder.ts';
import { ProfileError } from '../errors.ts';
import type { Profile, SampleLabel } from '../model.ts';
import { goroutineProfileHeader } from './goroutineHeader.ts';
import { quoteLine, type TextLines } from './lines.ts';

// `goroutine 7 [state]:`; newer runtimes may put `gp=0x... m=...` before the bracket.
const HEADER = /^goroutine (\d+)\b[^[]*\[(.*)\]:\s*$/;
const LOCATION = /^\t(.+):(\d+)(?:\s.*)?$/;
const CREATED_BY = /^created by (.+)$/;
// Stripped after trimming: a lazy `(.+?)…\s*$` backtracks quadratically on trailing spaces.
const IN_GOROUTINE = / in goroutine \d+$/;
const ELIDED = /^\.\.\.(?:additional frames|\d+ frames) elided\.\.\.\s*$/;
const MINUTES = /^(\d+) minutes?$/;

interface Group {
  /** Its call path (ProfileBuilder.addPath). */
  readonly path: number;
  readonly state: string;
  readonly createdBy: string;
  readonly createdAt: string;
  count: number;
  waitMinutes: number;
}

interface Goroutine {
  state: string;
  waitMinutes: number;
  frames: number[];
  createdBy: string;
  createdAt: string;
  /** A function line waiting for its `\tfile:line`. */
  pendingName: string | null;
  expectCreatorLocation: boolean;
}

export function parseGoroutineDump(lines: TextLines, first: number, fileName: string, byteSize: number): Profile {
  const builder = new ProfileBuilder(fileName, 1);
  const groups = new Map<string, Group>();
  const order: Group[] = [];
  let current: Goroutine | null = null;

  const fail = (n: number, what: string): never => {
    throw new ProfileError(fileName, 'text-syntax', `line ${n}: ${what}, got ${quoteLine(lines.at(n))}`);
  };
  const finishPendingFrame = (g: Goroutine, file: string, line: number): void => {
    if (g.pendingName === null) return;
    g.frames.push(builder.internFrame(g.pendingName, file, line));
    g.pendingName = null;
  };
  const flush = (): void => {
    if (!current) return;
    const g = current;
    finishPendingFrame(g, '', 0);
    const key = `${g.frames.join(',')}\u0000${g.state}\u0000${g.createdBy}\u0000${g.createdAt}`;
    let group = groups.get(key);
    if (!group) {
      const path = builder.addLeafFirstPath(g.frames);
      group = { path, state: g.state, createdBy: g.createdBy, createdAt: g.createdAt, count: 0, waitMinutes: 0 };
      groups.set(key, group);
      order.push(group);
    }
    group.count++;
    group.waitMinutes = Math.max(group.waitMinutes, g.waitMinutes);
    current = null;
  };

  for (let n = first; n <= lines.count; n++) {
    const line = lines.at(n);
    const header = HEADER.exec(line);
    if (header) {
      flush();
      const [state, ...details] = header[2].split(', ');
      let waitMinutes = 0;
      for (const d of details) {
        const m = MINUTES.exec(d.trim());
        if (m) waitMinutes = Number(m[1]);
      }
      current = { state: state.trim(), waitMinutes, frames: [], createdBy: '', createdAt: '', pendingName: null, expectCreatorLocation: false };
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (!current) fail(n, "expected 'goroutine <id> [<state>]:'");
    const g = current as Goroutine;
    if (line.startsWith('\t')) {
      const loc = LOCATION.exec(line);
      if (g.expectCreatorLocation) {
        if (loc) g.createdAt = `${loc[1]}:${loc[2]}`;
        g.expectCreatorLocation = false;
      } else if (g.pendingName !== null) {
        if (!loc) fail(n, "expected '\\t<file>:<line>' after a function line");
        finishPendingFrame(g, loc![1], Number(loc![2]));
      }
      // Otherwise a note such as "goroutine running on other thread; stack unavailable".
      continue;
    }
    finishPendingFrame(g, '', 0);
    g.expectCreatorLocation = false;
    const creator = CREATED_BY.exec(line);
    if (creator) {
      g.createdBy = creator[1].trimEnd().replace(IN_GOROUTINE, '');
      g.expectCreatorLocation = true;
      continue;
    }
    if (ELIDED.test(line) || line.startsWith('[originating from goroutine')) continue;
    const open = line.lastIndexOf('(');
    if (!line.trimEnd().endsWith(')') || open <= 0) fail(n, "expected a function line like 'pkg.fn(...)'");
    g.pendingName = line.slice(0, open);
  }
  flush();
  if (order.length === 0) throw new ProfileError(fileName, 'no-samples', 'contains no goroutines');

  const value = new Float64Array(1);
  for (const group of order) {
    const labels: SampleLabel[] = [
      { key: 'state', str: group.state },
      { key: 'wait_minutes', num: group.waitMinutes, unit: 'minutes' },
    ];
    if (group.createdBy) labels.push({ key: 'created_by', str: group.createdBy });
    if (group.createdAt) labels.push({ key: 'created_at', str: group.createdAt });
    value[0] = group.count;
    builder.addSample(group.path, value, labels);
  }
  return builder.build(goroutineProfileHeader(fileName, byteSize));
}
