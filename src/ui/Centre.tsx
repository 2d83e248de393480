// The centre column: the flame graph (or what keeps it from being drawn), a legend and breadcrumbs.
import { useShallow } from 'zustand/shallow';
import { useAppStore, type AppState } from '../store/index.ts';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { FlameArea } from './FlameArea.tsx';

const selectCentreState = (s: AppState) => ({
  computing: s.computed.status === 'computing',
  hasBase: s.baseId !== null,
  resetZoom: s.resetZoom,
});

export function Centre() {
  const { computing, hasBase, resetZoom } = useAppStore(useShallow(selectCentreState));
  return (
    <section className="centre">
      <div className="centre-head">
        {hasBase ? (
          <div className="legend" data-testid="legend">
            <span className="legend-item">
              <span className="swatch swatch-grew" /> red = grew, <span className="swatch swatch-shrank" /> blue = shrank, intensity = size of change
            </span>
            <span className="legend-item">
              <span className="swatch swatch-new" /> new in target
            </span>
            <span className="legend-item">
              <i>+N smaller</i>&nbsp;= merged narrow frames
            </span>
          </div>
        ) : (
          <div className="legend muted">One profile: an ordinary flame graph. Load a second one to see what changed.</div>
        )}
        <div className={`busy${computing ? ' on' : ''}`} aria-hidden={!computing} data-testid="busy">
          <progress aria-label="Computing" /> diff
        </div>
      </div>
      <div className="flame-host">
        <ErrorBoundary area="The flame graph" onReset={resetZoom}>
          <FlameArea />
        </ErrorBoundary>
      </div>
      <Breadcrumbs />
    </section>
  );
}
