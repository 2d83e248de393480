// One chip per loaded file, in time order: name, kind, decode time, size, total for the current
// sample type, and its role (base / target). Loading chips show progress and Cancel; failed ones
// show their error beside the name.
import { useShallow } from 'zustand/shallow';
import { formatValue } from '../profile/units.ts';
import { useAppStore, type AppState } from '../store/index.ts';
import { compareAge } from '../store/pair.ts';
import type { ProfileEntry, ReadyEntry } from '../store/profilesSlice.ts';
import { effectiveSampleType, profileTotal, selectEffectiveSampleType } from '../store/selectors.ts';
import type { DecodeProgress } from '../worker/protocol.ts';
import { formatClock, formatDuration, formatFileSize, formatTimeOfDay } from './format.ts';

const selectChipState = (s: AppState) => ({
  entries: s.entries,
  baseId: s.baseId,
  targetId: s.targetId,
  sampleType: selectEffectiveSampleType(s),
  setPair: s.setPair,
  swapPair: s.swapPair,
  cancelLoad: s.cancelLoad,
  removeProfile: s.removeProfile,
});

function inTimeOrder(entries: readonly ProfileEntry[]): ProfileEntry[] {
  const ready = entries.filter((e): e is ReadyEntry => e.status === 'ready');
  ready.sort((a, b) => compareAge({ id: a.id, order: a.order, profile: a.profile }, { id: b.id, order: b.order, profile: b.profile }));
  return [...ready, ...entries.filter((e) => e.status !== 'ready')];
}

const STAGE_LABEL: Record<DecodeProgress['stage'], string> = { read: 'reading', inflate: 'inflating', decode: 'decoding' };

export function ProfileChips() {
  const { entries, baseId, targetId, sampleType, setPair, swapPair, cancelLoad, removeProfile } = useAppStore(useShallow(selectChipState));
  const ordered = inTimeOrder(entries);
  return (
    <div className="chips" data-testid="profile-chips">
      {ordered.map((entry) => {
        // Roles only mean something in a diff; a lone profile is just shown.
        const role = !baseId ? null : entry.id === baseId ? 'base' : entry.id === targetId ? 'target' : null;
        return (
          <div
            key={entry.id}
            className={`chip chip-${entry.status}${role ? ` chip-${role}` : ''}`}
            data-testid="profile-chip"
            data-status={entry.status}
            data-role={role ?? ''}
            data-file={entry.fileName}
          >
            <div className="chip-head">
              {role && <span className={`role role-${role}`}>{role}</span>}
              <span className="chip-name" title={entry.fileName}>
                {entry.fileName}
              </span>
              <button type="button" className="chip-remove" aria-label={`Remove ${entry.fileName}`} onClick={() => removeProfile(entry.id)}>
                ×
              </button>
            </div>
            {entry.status === 'loading' && <LoadingLine progress={entry.progress} byteSize={entry.byteSize} onCancel={() => cancelLoad(entry.id)} />}
            {entry.status === 'error' && (
              <div className="chip-error" data-testid="error" role="alert">
                {entry.error}
              </div>
            )}
            {entry.status === 'ready' && (
              <ReadyLine
                entry={entry}
                sampleType={sampleType}
                role={role}
                canBeBase={entry.id !== targetId}
                onBase={() => (entry.id === targetId ? swapPair() : targetId && setPair(entry.id, targetId))}
                isShown={entry.id === targetId}
                onTarget={() => (entry.id === baseId ? swapPair() : setPair(baseId, entry.id))}
              />
            )}
          </div>
        );
      })}
      {baseId && targetId && (
        <button type="button" className="swap" data-testid="swap" onClick={swapPair} title="Swap base and target">
          ⇄ swap
        </button>
      )}
    </div>
  );
}

function LoadingLine({ progress, byteSize, onCancel }: { progress: DecodeProgress | null; byteSize: number; onCancel: () => void }) {
  const stage = progress?.stage ?? 'read';
  const done = progress?.bytesDone ?? 0;
  const total = progress?.bytesTotal ?? byteSize;
  return (
    <div className="chip-meta chip-loading" data-testid="progress" data-stage={stage}>
      {stage === 'read' ? (
        <progress max={total || 1} value={done} aria-label="Reading" />
      ) : (
        <progress aria-label={STAGE_LABEL[stage]} />
      )}
      <span>
        {STAGE_LABEL[stage]} {formatFileSize(done)} / {formatFileSize(total)}
      </span>
      <button type="button" className="link" data-testid="cancel" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function ReadyLine(props: {
  entry: ReadyEntry;
  sampleType: string | null;
  role: 'base' | 'target' | null;
  canBeBase: boolean;
  isShown: boolean;
  onBase: () => void;
  onTarget: () => void;
}) {
  const { entry, role } = props;
  const profile = entry.profile;
  // A chip of another kind (e.g. a goroutine profile beside heap ones) shows its own default type.
  const type = effectiveSampleType(profile, props.sampleType);
  const total = profileTotal(profile, type);
  const unit = profile.sampleTypes.find((t) => t.type === type)?.unit ?? '';
  return (
    <div className="chip-meta">
      <span className="kind">{profile.kind}</span>
      <span data-testid="chip-time" title={`${formatClock(profile.timeMs) || 'no time recorded'} · decoded in ${formatDuration(entry.decodeMs)}`}>
        {profile.timeMs ? formatTimeOfDay(profile.timeMs) : 'no time'}
      </span>
      <span>{formatFileSize(entry.byteSize)}</span>
      <span className="chip-total" data-testid="chip-total" title={type}>
        {total === null ? '—' : formatValue(total, unit)}
      </span>
      <span className="chip-roles">
        {role !== 'base' && props.canBeBase && (
          <button type="button" className="link" data-testid="as-base" onClick={props.onBase}>
            as base
          </button>
        )}
        {role !== 'target' && !props.isShown && (
          <button type="button" className="link" data-testid="as-target" onClick={props.onTarget}>
            as target
          </button>
        )}
      </span>
    </div>
  );
}
