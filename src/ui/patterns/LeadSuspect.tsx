// The lead suspect, always in view in the top bar: the first entry of the Suspects tab (same data,
// same test hooks), so the most likely leak is visible without opening the tab. Click to zoom to it.
import { useShallow } from 'zustand/shallow';
import { formatSignedDelta } from '../../profile/units.ts';
import { useAppStore, type AppState } from '../../store/index.ts';
import { PatternBadge } from './PatternBadge.tsx';
import { hasLeakDiff, suspectPath } from './SuspectsPanel.tsx';
import { selectSuspectsView } from './suspectsModel.ts';
import './patterns.css';

const selectLead = (s: AppState) => {
  const view = hasLeakDiff(s) ? selectSuspectsView(s) : null;
  const lead = view?.suspects.find((x) => x.pattern !== null) ?? null;
  return { lead, unit: view?.unit ?? '', setZoomPath: s.setZoomPath, setSelected: s.setSelected };
};

export function LeadSuspect() {
  const { lead, unit, setZoomPath, setSelected } = useAppStore(useShallow(selectLead));
  if (!lead || !lead.pattern) return null;
  const zoom = () => {
    const path = suspectPath(lead);
    setSelected({ name: lead.function, path });
    setZoomPath(path);
  };
  return (
    <button
      type="button"
      className="lead-suspect"
      data-testid="suspect"
      data-pattern={lead.pattern}
      data-function={lead.function}
      data-delta={lead.delta}
      onClick={zoom}
      title={lead.reason}
    >
      <span className="muted">Lead suspect</span> <PatternBadge id={lead.pattern} /> <span className="suspect-function">{lead.function}</span>{' '}
      <span className="grew">{formatSignedDelta(lead.delta, unit)}</span>
    </button>
  );
}
