// A SuspectsReport in a form that crosses a worker boundary cheaply: every stack and call-tree path
// becomes name indices into one string table (typed arrays, copied as blocks), since cloning the
// same function names thousands of times over made receiving the report a long main-thread task.
import { StringIds } from '../profile/stringIds.ts';
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
  const names = new StringIds();
  const stackIds: number[] = [];
  const stackOffsets = new Int32Array(r.suspects.length + 1);
  const suspects = r.suspects.map((s, i) => {
    stackOffsets[i] = stackIds.length;
    for (const name of s.stack) stackIds.push(names.idOf(name));
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
    for (const name of key.split(PATH_SEPARATOR)) pathIds.push(names.idOf(name));
    pathPatterns.push(ids);
  }
  pathOffsets[j] = pathIds.length;
  const { suspects: _s, byPath: _p, ...report } = r;
  return {
    report,
    suspects,
    names: names.strings,
    stackOffsets,
    stackNames: Int32Array.from(stackIds),
    pathOffsets,
    pathNames: Int32Array.from(pathIds),
    pathPatterns,
  };
}

/** A path trie over function names: the call-tree path -> patterns lookup without joining names into keys. */
interface PathTrie {
  readonly children: Map<string, PathTrie>;
  patterns?: readonly PatternId[];
}

/**
 * The report as the page reads it: byPath becomes `patternsAtPath(names root → node)`, a walk down a
 * name trie, because a Map keyed by joined paths hashes kilobytes of string per entry and per lookup.
 */
export type SuspectsReportView = Omit<SuspectsReport, 'byPath'> & {
  readonly patternsAtPath: (namesRootToNode: readonly string[]) => readonly PatternId[] | undefined;
};

export function unpackSuspectsReport(p: PackedSuspectsReport): SuspectsReportView {
  const suspects: Suspect[] = p.suspects.map((s, i) => {
    const from = p.stackOffsets[i];
    const stack = new Array<string>(p.stackOffsets[i + 1] - from);
    for (let k = 0; k < stack.length; k++) stack[k] = p.names[p.stackNames[from + k]];
    return { ...s, stack };
  });
  const root: PathTrie = { children: new Map() };
  for (let j = 0; j < p.pathPatterns.length; j++) {
    let node = root;
    for (let k = p.pathOffsets[j]; k < p.pathOffsets[j + 1]; k++) {
      const name = p.names[p.pathNames[k]];
      let next = node.children.get(name);
      if (!next) {
        next = { children: new Map() };
        node.children.set(name, next);
      }
      node = next;
    }
    node.patterns = p.pathPatterns[j];
  }
  const patternsAtPath = (names: readonly string[]): readonly PatternId[] | undefined => {
    let node: PathTrie | undefined = root;
    for (let k = 0; k < names.length && node; k++) node = node.children.get(names[k]);
    return node?.patterns;
  };
  return { ...p.report, suspects, patternsAtPath };
}
