// The right panel: one tab per entry of the registry in panels.ts whose `when` holds.
import { useCallback } from 'react';
import { useAppStore, type AppState } from '../store/index.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { rightPanels } from './panels.ts';

export function RightPanel() {
  const visibleKey = useAppStore(
    useCallback((s: AppState) => rightPanels.filter((p) => !p.when || p.when(s)).map((p) => p.id).join('\n'), []),
  );
  const visible = rightPanels.filter((p) => visibleKey.split('\n').includes(p.id));
  // The open tab lives in the store (and so in the URL); the top table until the user picks another.
  const chosen = useAppStore((s) => s.panel) ?? 'top';
  const setPanel = useAppStore((s) => s.setPanel);
  const active = visible.find((p) => p.id === chosen) ?? visible[0];
  return (
    <aside className="right-panel">
      <div className="tabs" role="tablist">
        {visible.map((p) => (
          <button
            key={p.id}
            type="button"
            role="tab"
            id={`tab-${p.id}`}
            data-testid={`tab-${p.id}`}
            aria-selected={p === active}
            aria-controls={`panel-${p.id}`}
            onClick={() => setPanel(p.id)}
          >
            {p.title}
          </button>
        ))}
      </div>
      {active && (
        <div className="tab-panel" role="tabpanel" id={`panel-${active.id}`} aria-labelledby={`tab-${active.id}`}>
          <ErrorBoundary key={active.id} area={active.title}>
            <active.component />
          </ErrorBoundary>
        </div>
      )}
    </aside>
  );
}
