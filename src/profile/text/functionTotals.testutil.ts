// Test-only helper: per-function flat and cum of one sample type, as `go tool pprof -top` computes them
// (grouped by function name, cum counted once per stack even under recursion). Kept local so the
// parser tests do not depend on src/calltree.
import type { Profile } from '../model.ts';

export interface FunctionTotal {
  flat: number;
  cum: number;
}

export function functionTotals(profile: Profile, sampleType: number): Map<string, FunctionTotal> {
  const totals = new Map<string, FunctionTotal>();
  const get = (name: string): FunctionTotal => {
    let t = totals.get(name);
    if (!t) totals.set(name, (t = { flat: 0, cum: 0 }));
    return t;
  };
  const { stacks, frames, samples } = profile;
  const column = samples.values[sampleType];
  for (let s = 0; s < samples.length; s++) {
    const v = column[s];
    let stack = samples.stack[s];
    if (stack < 0 || v === 0) continue;
    get(frames.name[stacks.frame[stack]]).flat += v;
    const seen = new Set<string>();
    for (; stack >= 0; stack = stacks.parent[stack]) {
      const name = frames.name[stacks.frame[stack]];
      if (!seen.has(name)) {
        seen.add(name);
        get(name).cum += v;
      }
    }
  }
  return totals;
}

export function sampleTotal(profile: Profile, sampleType: number): number {
  let total = 0;
  for (const v of profile.samples.values[sampleType]) total += v;
  return total;
}
