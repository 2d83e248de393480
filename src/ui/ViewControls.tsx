// Sample type, absolute/normalized, width mode, focus/ignore/hide and collapse recursion.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/shallow';
import { useAppStore, type AppState } from '../store/index.ts';
import { orderedSampleTypes, selectEffectiveSampleType, selectTargetProfile } from '../store/selectors.ts';
import type { PipelineOptions, WidthMode } from '../store/viewSlice.ts';

const selectControls = (s: AppState) => ({
  target: selectTargetProfile(s),
  hasBase: s.baseId !== null,
  sampleType: selectEffectiveSampleType(s),
  pipeline: s.pipeline,
  widthMode: s.widthMode,
  setPipeline: s.setPipeline,
  setWidthMode: s.setWidthMode,
});

const WIDTH_MODES: readonly { value: WidthMode; label: string; title: string }[] = [
  { value: 'diff', label: '|Δ| both', title: "Width = |increase| + |decrease| (pprof's diff; vanished stacks stay visible)" },
  { value: 'new', label: 'new only', title: 'Width = value in the target (newer) profile' },
  { value: 'base', label: 'base only', title: 'Width = value in the base (older) profile' },
];

export function ViewControls() {
  const { target, hasBase, sampleType, pipeline, widthMode, setPipeline, setWidthMode } = useAppStore(useShallow(selectControls));
  return (
    <div className="view-controls">
      <label className="control" title="Sample type">
        <select
          aria-label="Sample type"
          data-testid="sample-type"
          value={sampleType ?? ''}
          disabled={!target}
          onChange={(e) => setPipeline({ sampleType: e.currentTarget.value })}
        >
          {target ? (
            orderedSampleTypes(target).map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))
          ) : (
            <option value="">—</option>
          )}
        </select>
      </label>
      <div className="segmented" role="group" aria-label="Values">
        <button
          type="button"
          data-testid="absolute"
          aria-pressed={!pipeline.normalize}
          onClick={() => setPipeline({ normalize: false })}
        >
          absolute
        </button>
        <button
          type="button"
          data-testid="normalized"
          aria-pressed={pipeline.normalize}
          disabled={!hasBase}
          title="pprof -normalize: scale the base to the target's total"
          onClick={() => setPipeline({ normalize: true })}
        >
          normalized
        </button>
      </div>
      <div className="segmented" role="group" aria-label="Frame width">
        {WIDTH_MODES.map((m) => (
          <button
            key={m.value}
            type="button"
            data-testid={`width-${m.value}`}
            aria-pressed={(hasBase ? widthMode : 'new') === m.value}
            disabled={!hasBase && m.value !== 'new'}
            title={m.title}
            onClick={() => setWidthMode(m.value)}
          >
            {m.label}
          </button>
        ))}
      </div>
      <FilterInput name="focus" label="Focus" title="pprof -focus: only stacks through a matching function (regexp)" value={pipeline.focus} onCommit={setPipeline} />
      <FilterInput name="ignore" label="Ignore" title="pprof -ignore: drop stacks through a matching function (regexp)" value={pipeline.ignore} onCommit={setPipeline} />
      <FilterInput name="hide" label="Hide" title="pprof -hide: remove matching frames, keep their values in callers (regexp)" value={pipeline.hide} onCommit={setPipeline} />
      <label className="control checkbox" title="Fold recursive calls of a function into one frame">
        <input
          type="checkbox"
          data-testid="collapse-recursion"
          checked={pipeline.collapseRecursion}
          onChange={(e) => setPipeline({ collapseRecursion: e.currentTarget.checked })}
        />
        <span>Collapse recursion</span>
      </label>
    </div>
  );
}

type FilterName = 'focus' | 'ignore' | 'hide';

/** A regexp box that commits on Enter or blur, so typing does not recompute the view per keystroke. */
function FilterInput(props: {
  name: FilterName;
  label: string;
  title: string;
  value: string;
  onCommit: (patch: Partial<PipelineOptions>) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const commit = () => {
    if (draft !== props.value) props.onCommit({ [props.name]: draft });
  };
  return (
    <label className="control filter" title={props.title}>
      <input
        aria-label={props.label}
        type="text"
        data-testid={props.name}
        value={draft}
        spellCheck={false}
        placeholder={props.label.toLowerCase()}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(props.value);
            e.stopPropagation();
          }
        }}
      />
    </label>
  );
}
