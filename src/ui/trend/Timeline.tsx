// The snapshots of one kind in time order, with their totals, as a strip in the top bar. Any two can
// be made base and target; the default (the store's automatic pair) is first → last.
import { useShallow } from 'zustand/shallow';
import { formatSignedDelta, formatValue } from '../../profile/units.ts';
import { useAppStore, type AppState } from '../../store/index.ts';
import { profileTotal, selectEffectiveSampleType } from '../../store/selectors.ts';
import { formatTimeOfDay } from '../format.ts';
import { selectSnapshotGroup } from './trendModel.ts';
import './trend.css';

const selectTimelineState = (s: AppState) => ({
  group: selectSnapshotGroup(s),
  sampleType: selectEffectiveSampleType(s),
  baseId: s.baseId,
  targetId: s.targetId,
  setPair: s.setPair,
});

export function Timeline() {
  const { group, sampleType, baseId, targetId, setPair } = useAppStore(useShallow(selectTimelineState));
  if (group.length < 2 || !sampleType) return null;
  const totals = group.map((e) => profileTotal(e.profile, sampleType) ?? 0);
  const unit = group[0].profile.sampleTypes.find((t) => t.type === sampleType)?.unit ?? '';
  const max = Math.max(...totals.map(Math.abs), 1);
  const baseIndex = group.findIndex((e) => e.id === baseId);
  const targetIndex = group.findIndex((e) => e.id === targetId);
  // Keeps base older than target: picking a base at or after the target moves the target to the
  // newest snapshot; picking a target at or before the base moves the base to the oldest.
  const pick = (role: 'base' | 'target', id: string) => {
    const i = group.findIndex((e) => e.id === id);
    const first = group[0].id;
    const last = group[group.length - 1].id;
    if (role === 'target') setPair(baseIndex >= 0 && baseIndex < i ? baseId : i > 0 ? first : null, id);
    else setPair(id, targetIndex > i ? (targetId ?? last) : last);
  };
  return (
    <nav className="timeline" data-testid="timeline" aria-label={`${group.length} snapshots in time order`}>
      <span className="timeline-label" title={`${sampleType} total of each snapshot, oldest first`}>
        timeline
      </span>
      <ol>
        {group.map((e, i) => {
          const role = i === baseIndex ? 'base' : i === targetIndex ? 'target' : null;
          const between = baseIndex >= 0 && i > baseIndex && i < targetIndex;
          const delta = i > 0 ? totals[i] - totals[i - 1] : null;
          return (
            <li
              key={e.id}
              className={`snapshot${role ? ` snapshot-${role}` : ''}${between ? ' snapshot-between' : ''}`}
              data-testid="snapshot"
              data-file={e.fileName}
              data-role={role ?? ''}
              data-total={totals[i]}
              data-index={i}
            >
              <button
                type="button"
                className="snapshot-main"
                title={`${e.fileName}${e.profile.timeMs ? ` · ${formatTimeOfDay(e.profile.timeMs)}` : ''}\n${sampleType}: ${formatValue(totals[i], unit)}${delta !== null ? ` (${formatSignedDelta(delta, unit)} since the previous)` : ''}\nClick: make this the target`}
                onClick={() => pick('target', e.id)}
              >
                <span className="snapshot-bar-box" aria-hidden="true">
                  <span className="snapshot-bar" style={{ height: `${Math.max(12, (Math.abs(totals[i]) / max) * 100)}%` }} />
                </span>
                <span className="snapshot-text">
                  <span className="snapshot-index">
                    #{i + 1}
                    {role ? <span className={`snapshot-role snapshot-role-${role}`}>{role}</span> : null}
                  </span>
                  <span className="snapshot-total" data-testid="snapshot-total">
                    {formatValue(totals[i], unit)}
                  </span>
                </span>
              </button>
              <span className="snapshot-roles">
                <button type="button" className="link" data-testid="snapshot-as-base" onClick={() => pick('base', e.id)} disabled={role === 'base' || i === group.length - 1}>
                  base
                </button>
                <button type="button" className="link" data-testid="snapshot-as-target" onClick={() => pick('target', e.id)} disabled={role === 'target' || i === 0}>
                  target
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
