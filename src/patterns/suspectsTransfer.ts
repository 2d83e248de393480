// A SuspectsReport in a form that crosses a worker boundary cheaply: every stack and call-tree path
// becomes name indices into one string table (typed arrays, copied as blocks), since cloning the
// same function names thousands of times over made receiving the report a long main-thread task.
import type { SuspectsReport } from './suspectsReport.ts';
import type { PatternId, Suspect } from './types.ts';

type PackedSuspect = Omit<Suspect, 'stack'>;

export interface PackedSuspectsReport {
  readonly report: Omit<SuspectsReport, 'suspects' | 'byPath'>;
  readonly suspects: readonly PackedSuspect[];
  readonly names: readonly string[];
  /** Suspect i's stack is names[stackNames[stackOffsets[i] .. stackOffsets[i+1]-1]]. */
  readonly stackOffsets: Int32Array;
  readonly stackNames: Int32Array;
  /** byPath entry j: path names[pathNames[pathOffsets[j] .. pathOffsets[j+1]-1]], patterns pathPatterns[j]. */
  readonly pathOffsets: Int32Array;
  readonly pathNames: Int32Array;
  readonly pathPatterns: readonly (readonly PatternId[])[];
}

const PATH_SEPARATOR = '\n'; // as pathKey joins names

export function packSuspectsReport(r: SuspectsReport): PackedSuspectsReport {
  const names: string[] = [];
  const index = new Map<string, number>();
  const intern = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = names.length;
      names.push(name);
      index.set(name, i);
    }
    return i;
  };
  const stackIds: number[] = [];
  const stackOffsets = new Int32Array(r.suspects.length + 1);
  const suspects = r.suspects.map((s, i) => {
    stackOffsets[i] = stackIds.length;
    for (const name of s.stack) stackIds.push(intern(name));
    const { stack: _stack, ...rest } = s;
    return rest;
  });
  stackOffsets[r.suspects.length] = stackIds.length;
  const pathIds: number[] = [];
  const pathOffsets = new Int32Array(r.byPath.size + 1);
  const pathPatterns: (readonly PatternId[])[] = [];
  let j = 0;
  for (const [key, ids] of r.byPath) {
    pathOffsets[j++] = pathIds.length;
    for (const name of key.split(PATH_SEPARATOR)) pathIds.push(intern(name));
    pathPatterns.push(ids);
  }
  pathOffsets[j] = pathIds.length;
  const { suspects: _s, byPath: _p, ...report } = r;
  return {
    report,
    suspects,
    names,
    stackOffsets,
    stackNames: Int32Array.from(stackIds),
    pathOffsets,
    pathNames: Int32Array.from(pathIds),
    pathPatterns,
  };
}

export function unpackSuspectsReport(p: PackedSuspectsReport): SuspectsReport {
  const namesOf = (ids: Int32Array, from: number, to: number): string[] => {
    const out = new Array<string>(to - from);
    for (let k = from; k < to; k++) out[k - from] = p.names[ids[k]];
    return out;
  };
  const suspects: Suspect[] = p.suspects.map((s, i) => ({ ...s, stack: namesOf(p.stackNames, p.stackOffsets[i], p.stackOffsets[i + 1]) }));
  const byPath = new Map<string, readonly PatternId[]>();
  for (let j = 0; j < p.pathPatterns.length; j++) {
    byPath.set(namesOf(p.pathNames, p.pathOffsets[j], p.pathOffsets[j + 1]).join(PATH_SEPARATOR), p.pathPatterns[j]);
  }
  return { ...p.report, suspects, byPath };
}
