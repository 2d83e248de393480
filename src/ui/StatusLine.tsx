// What is on screen and what is not: frames drawn, frames merged into "+N smaller" boxes and the share
// of value not drawn individually (reported by the flame graph), plus the computation state.
import { useShallow } from 'zustand/shallow';
import { formatPercent } from '../profile/units.ts';
import { useAppStore, type AppState } from '../store/index.ts';
import { formatDuration } from './format.ts';

const selectStatusState = (s: AppState) => ({
  flameStats: s.flameStats,
  computed: s.computed,
  loading: s.entries.filter((e) => e.status === 'loading').length,
});

export function StatusLine() {
  const { flameStats, computed, loading } = useAppStore(useShallow(selectStatusState));
  const parts: string[] = [];
  if (loading > 0) parts.push(`loading ${loading} file${loading === 1 ? '' : 's'}…`);
  if (computed.status === 'computing') parts.push('computing diff…');
  if (flameStats) {
    parts.push(
      `${flameStats.framesDrawn.toLocaleString('en-US')} frames drawn, ${flameStats.framesMerged.toLocaleString('en-US')} merged into ${flameStats.mergedBoxes.toLocaleString('en-US')} "+N smaller" box${flameStats.mergedBoxes === 1 ? '' : 'es'}, ${formatPercent(flameStats.valueNotDrawnShare, 1)} of value not drawn individually`,
    );
  }
  if (computed.status === 'ready') parts.push(`view computed in ${formatDuration(computed.result.computeMs)}`);
  return (
    <div className="status-line" data-testid="status" role="status" data-computing={computed.status === 'computing'}>
      {parts.join(' · ') || 'ready'}
    </div>
  );
}
