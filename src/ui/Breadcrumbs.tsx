// The zoom path under the flame graph; the root crumb (or Esc) resets the zoom.
import { useShallow } from 'zustand/shallow';
import { useAppStore, type AppState } from '../store/index.ts';

const selectCrumbState = (s: AppState) => ({ zoomPath: s.zoomPath, setZoomPath: s.setZoomPath, resetZoom: s.resetZoom });

export function Breadcrumbs() {
  const { zoomPath, setZoomPath, resetZoom } = useAppStore(useShallow(selectCrumbState));
  return (
    <nav className="breadcrumbs" aria-label="Zoom path" data-testid="breadcrumbs">
      <button type="button" className="crumb" onClick={resetZoom} data-testid="zoom-reset">
        root
      </button>
      {zoomPath.map((name, i) => (
        <span key={i} className="crumb-wrap">
          <span className="crumb-sep">›</span>
          <button
            type="button"
            className="crumb"
            title={name}
            aria-current={i === zoomPath.length - 1 ? 'location' : undefined}
            onClick={() => setZoomPath(zoomPath.slice(0, i + 1))}
          >
            {name}
          </button>
        </span>
      ))}
    </nav>
  );
}
