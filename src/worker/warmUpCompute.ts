// Made-up work for a compute worker while the page is idle, so that the first real view (or suspects report)
// runs optimised code: cold, the medium bench pair's first view took several times its warm time. The pair
// is two snapshots of the warm-up profile (warmUpProfile.ts), the second with more samples, as a leak grows.
import { buildSuspectsReport } from '../patterns/suspectsReport.ts';
import { packSuspectsReport } from '../patterns/suspectsTransfer.ts';
import { decodeProfile } from '../profile/decodeProfile.ts';
import type { Profile } from '../profile/model.ts';
import { computeView } from './pipeline.ts';
import { warmUpProfileBytes } from './warmUpProfile.ts';

/** What a worker warms up: the view pipeline, or the leak suspects. */
export type WarmUpKind = 'view' | 'suspects';

let pair: { readonly base: Profile; readonly target: Profile } | null = null;

/** The made-up pair (kept until endComputeWarmUp). */
export function warmUpPair(): { readonly base: Profile; readonly target: Profile } {
  return (pair ??= { base: decodeProfile(warmUpProfileBytes(1500), 'warm-up-1.pb'), target: decodeProfile(warmUpProfileBytes(2000), 'warm-up-2.pb') });
}

/** One round of the work of `kind` on the made-up pair. */
export function warmUpComputeRound(kind: WarmUpKind): void {
  const { base, target } = warmUpPair();
  if (kind === 'view') {
    for (const sampleType of ['inuse_space', 'alloc_space']) {
      computeView({ baseId: 'warm-up-1', targetId: 'warm-up-2', sampleType, normalize: false, focus: '', ignore: '', hide: '', collapseRecursion: false }, base, target);
    }
  } else {
    packSuspectsReport(buildSuspectsReport(base, target, 'inuse_space', [base, target]));
  }
}

/** Drops the made-up pair once warming up is over. */
export function endComputeWarmUp(): void {
  pair = null;
}
