// The Suspects tab: growth ranked and labelled with the leak pattern it matches. Clicking a suspect
// zooms the flame graph to the frame where the pattern shows; its badge links to the explanation.
import { useState } from 'react';
import { useShallow } from 'zustand/shallow';
import { suspectsByPattern } from '../../patterns/suspects.ts';
import type { Suspect } from '../../patterns/types.ts';
import { formatPercent, formatSignedDelta, formatValue } from '../../profile/units.ts';
import { useAppStore, type AppState } from '../../store/index.ts';
import { selectTargetProfile } from '../../store/selectors.ts';
import { PatternBadge } from './PatternBadge.tsx';
import { PatternLink, PatternLinks } from './PatternLinks.tsx';
import { selectSuspectsOutcome } from './suspectsModel.ts';
import './patterns.css';

const SHOWN = 25;

const selectPanelState = (s: AppState) => ({
  outcome: selectSuspectsOutcome(s),
  selectedName: s.selected?.name ?? null,
  setZoomPath: s.setZoomPath,
  setSelected: s.setSelected,
});

/** Whether the Suspects tab applies: two different heap or goroutine profiles are paired. */
export function hasLeakDiff(s: AppState): boolean {
  if (s.baseId === null || s.targetId === null || s.baseId === s.targetId) return false;
  const kind = selectTargetProfile(s)?.kind;
  return kind === 'heap' || kind === 'allocs' || kind === 'goroutine';
}

/** The zoom path of a suspect: its stack down to the frame where the pattern shows. */
export function suspectPath(s: Suspect): readonly string[] {
  const i = s.stack.lastIndexOf(s.function);
  return i >= 0 ? s.stack.slice(0, i + 1) : s.stack;
}

export function SuspectsPanel() {
  const { outcome, selectedName, setZoomPath, setSelected } = useAppStore(useShallow(selectPanelState));
  const [showAll, setShowAll] = useState(false);
  if (!outcome) return <div className="empty">Load two profiles of the same kind to see leak suspects.</div>;
  if (outcome.status === 'pending') {
    return (
      <div className="empty" data-testid="suspects-pending" role="status">
        Finding suspects…
      </div>
    );
  }
  if (outcome.status === 'error') {
    return (
      <div className="empty" data-testid="suspects-error" role="alert">
        The suspects could not be computed: {outcome.message}
      </div>
    );
  }
  const view = outcome.view;
  const { suspects, unit } = view;
  const groups = suspectsByPattern(suspects);
  // Pattern matches first (as `diff` lists them), then growth no rule recognises.
  const ordered = [...suspects.filter((x) => x.pattern !== null), ...suspects.filter((x) => x.pattern === null)];
  const shown = showAll ? ordered : ordered.slice(0, SHOWN);
  const firstUnclassified = shown.findIndex((x) => x.pattern === null);
  const zoom = (s: Suspect) => {
    const path = suspectPath(s);
    setSelected({ name: s.function, path });
    setZoomPath(path);
  };
  return (
    <div className="suspects" data-testid="suspects">
      <div className="suspects-head">
        <div>
          Suspects in <code>{view.baseName}</code> → <code>{view.targetName}</code> ({view.sampleType})
        </div>
        <div className="muted">
          {view.trendSnapshots > 0
            ? `Ranked by trend over ${view.trendSnapshots} snapshots: steady growth first.`
            : 'Ranked by growth between the two profiles.'}
          {view.companionNote ? ` Also using ${view.companionNote} as evidence.` : ''}
        </div>
      </div>
      {selectedName && <PatternLinks functionName={selectedName} />}
      {suspects.length === 0 ? (
        <div className="empty">Nothing grew between these profiles.</div>
      ) : (
        <>
          <ul className="suspect-groups" aria-label="Growth by pattern">
            {groups.map((g) => (
              <li key={g.pattern ?? 'unclassified'}>
                <PatternBadge id={g.pattern} /> <span className="grew">{formatSignedDelta(g.delta, unit)}</span>{' '}
                <span className="muted">{formatPercent(g.share, 1)}</span>
              </li>
            ))}
          </ul>
          <ol className="suspect-list">
            {shown.map((s, i) => (
              <li
                key={`${s.pattern ?? ''}\n${s.function}`}
                className={`suspect${s.function === selectedName ? ' suspect-selected' : ''}${i === firstUnclassified ? ' suspect-first-unclassified' : ''}`}
                data-testid="suspect"
                data-pattern={s.pattern ?? 'unclassified'}
                data-function={s.function}
                data-delta={s.delta}
              >
                {i === firstUnclassified && <div className="suspects-subhead muted">Unclassified growth: no leak pattern matches these stacks</div>}
                <button type="button" className="suspect-main" onClick={() => zoom(s)} title="Zoom the flame graph to this frame">
                  <span className="suspect-rank">{i + 1}</span>
                  <PatternBadge id={s.pattern} />
                  <span className="suspect-function">{s.function}</span>
                  {s.caller && <span className="suspect-caller muted">in {s.caller}</span>}
                </button>
                <div className="suspect-numbers">
                  <span className="grew">{formatSignedDelta(s.delta, unit)}</span>
                  <span className="muted">
                    {formatValue(s.base, unit)} → {formatValue(s.next, unit)} · {formatPercent(s.share, 1)} of growth
                    {s.stackCount > 1 ? ` · ${s.stackCount} stacks` : ''}
                  </span>
                </div>
                {s.trendText && <div className="suspect-trend">{s.trendText}</div>}
                <div className="suspect-reason">{s.reason}</div>
                {s.evidence.length > 0 && (
                  <details className="suspect-evidence">
                    <summary>Evidence ({Math.round(s.confidence * 100)}% confidence)</summary>
                    <ul>
                      {s.evidence.map((e, j) => (
                        <li key={j}>
                          <code>{e.frames.join(' → ')}</code>: {e.text}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
                {s.pattern && (
                  <div className="suspect-links">
                    <PatternLink id={s.pattern} testId="suspect-pattern-link">
                      Why it leaks →
                    </PatternLink>
                    {s.candidates.length > 1 && (
                      <span className="muted">
                        {' '}
                        also matches:{' '}
                        {s.candidates.slice(1).map((c, j) => (
                          <span key={c.pattern}>
                            {j > 0 ? ', ' : ''}
                            <PatternLink id={c.pattern} testId="suspect-pattern-link">
                              {c.pattern}
                            </PatternLink>
                          </span>
                        ))}
                      </span>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ol>
          {ordered.length > SHOWN && (
            <button type="button" className="suspects-more" onClick={() => setShowAll(!showAll)}>
              {showAll ? 'Show fewer' : `Show all ${ordered.length}`}
            </button>
          )}
        </>
      )}
    </div>
  );
}
