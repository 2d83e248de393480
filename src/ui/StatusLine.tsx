// What is on screen and what is not: frames drawn, frames merged into "+N smaller" boxes and the share
// of value not drawn individually (reported by the flame graph), plus the computation state.
import { useShallow } from 'zustand/shallow';
import { formatCount, formatPercent } from '../profile/units.ts';
import type { FlameStats } from '../store/flameStatsSlice.ts';
import { useAppStore, type AppState } from '../store/index.ts';
import { formatDuration } from './format.ts';

const selectStatusState = (s: AppState) => ({
  flameStats: s.flameStats,
  computed: s.computed,
  loading: s.entries.filter((e) => e.status === 'loading').length,
});

const count = formatCount;
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

/** Every frame is accounted for: drawn, merged into a visible box, or (rarely) in a group under a pixel. */
function describeFlameStats(stats: FlameStats): string[] {
  const groups = stats.subpixelGroups > 0 ? ` (+${plural(stats.subpixelGroups, 'group', 'groups')} under a pixel)` : '';
  const parts = [
    `${plural(stats.framesDrawn, 'frame', 'frames')} drawn, ${count(stats.framesMerged)} merged into ${plural(stats.mergedBoxes, '"+N smaller" box', '"+N smaller" boxes')}${groups}`,
    `${formatPercent(stats.valueNotDrawnShare, 1)} of value not drawn individually`,
  ];
  if (stats.zeroWidthFrames > 0) parts.push(`${plural(stats.zeroWidthFrames, 'frame', 'frames')} with no value in this width mode`);
  return parts;
}

export function StatusLine() {
  const { flameStats, computed, loading } = useAppStore(useShallow(selectStatusState));
  const parts: string[] = [];
  if (loading > 0) parts.push(`loading ${loading} file${loading === 1 ? '' : 's'}…`);
  if (computed.status === 'computing') parts.push('computing diff…');
  if (flameStats) parts.push(...describeFlameStats(flameStats));
  if (computed.status === 'ready') {
    const { computeMs, preparedAhead } = computed.result;
    parts.push(preparedAhead ? `view prepared ahead while idle (${formatDuration(computeMs)})` : `view computed in ${formatDuration(computeMs)}`);
  }
  return (
    <div className="status-line" data-testid="status" role="status" data-computing={computed.status === 'computing'}>
      {parts.join(' · ') || 'ready'}
    </div>
  );
}
