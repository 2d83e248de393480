// Which two loaded profiles form the diff. Profiles are grouped by shape (kind + sample types); the
// largest group wins (ties: the group loaded first), so two heap profiles and a goroutine profile give
// the heap diff. Within it the oldest is the base and the newest the target. "Older" means a smaller
// profile time when both have one; otherwise load order decides (text formats carry no time).
import type { Profile } from '../profile/model.ts';

export interface PairCandidate {
  readonly id: string;
  readonly order: number;
  readonly profile: Profile;
}

export interface Pair {
  readonly baseId: string | null;
  readonly targetId: string | null;
}

export function compareAge(a: PairCandidate, b: PairCandidate): number {
  if (a.profile.timeMs > 0 && b.profile.timeMs > 0 && a.profile.timeMs !== b.profile.timeMs) {
    return a.profile.timeMs - b.profile.timeMs;
  }
  return a.order - b.order;
}

export function choosePair(candidates: readonly PairCandidate[]): Pair {
  if (candidates.length === 0) return { baseId: null, targetId: null };
  const groups: PairCandidate[][] = [];
  for (const c of [...candidates].sort((a, b) => a.order - b.order)) {
    const group = groups.find((g) => sameShape(g[0].profile, c.profile));
    if (group) group.push(c);
    else groups.push([c]);
  }
  const largest = groups.reduce((best, g) => (g.length > best.length ? g : best));
  const byAge = [...largest].sort(compareAge);
  const target = byAge[byAge.length - 1];
  const base = byAge.length > 1 ? byAge[0] : null;
  return { baseId: base?.id ?? null, targetId: target.id };
}

/** Two profiles can be diffed when they have the same kind and the same sample types. */
export function sameShape(a: Profile, b: Profile): boolean {
  if (a.kind !== b.kind || a.sampleTypes.length !== b.sampleTypes.length) return false;
  return a.sampleTypes.every((t, i) => t.type === b.sampleTypes[i].type && t.unit === b.sampleTypes[i].unit);
}
