// Connects the flame graph component (src/ui/flame) to the store: the computed view, width mode,
// search, zoom and selection go in; hover, clicks, zoom changes and what was drawn come back.
import { useCallback } from 'react';
import { useShallow } from 'zustand/shallow';
import { selectShownResult } from '../store/computeSlice.ts';
import { useAppStore, type AppState } from '../store/index.ts';
import type { FrameRef } from '../store/viewSlice.ts';
import { FlameGraph, type FlameFrame, type FlameRenderStats } from './flame/FlameGraph.tsx';
import { selectPatternLookup } from './patterns/flameMarkers.ts';
import { selectSuspectsView } from './patterns/suspectsModel.ts';

const selectFlameInputs = (s: AppState) => ({
  result: selectShownResult(s),
  widthMode: s.widthMode,
  search: s.search,
  zoomPath: s.zoomPath,
  zoomToFunction: s.zoomToFunction,
  selectedName: s.selected?.name ?? null,
});

const selectFlameActions = (s: AppState) => ({
  setHovered: s.setHovered,
  setSelected: s.setSelected,
  setZoomPath: s.setZoomPath,
  setFlameStats: s.setFlameStats,
  setPanel: s.setPanel,
});

function frameRef(frame: FlameFrame<number>): FrameRef {
  return {
    name: frame.name,
    file: frame.file,
    line: frame.line,
    path: frame.path,
    value: { base: frame.totalBase, new: frame.totalNew },
  };
}

export function FlameArea() {
  const { result, widthMode, search, zoomPath, zoomToFunction, selectedName } = useAppStore(useShallow(selectFlameInputs));
  const { setHovered, setSelected, setZoomPath, setFlameStats, setPanel } = useAppStore(useShallow(selectFlameActions));
  const patterns = useAppStore(selectPatternLookup);

  const onHover = useCallback((f: FlameFrame<number> | null) => setHovered(f && f.kind === 'frame' ? frameRef(f) : null), [setHovered]);
  const onSelect = useCallback(
    (f: FlameFrame<number>) => {
      if (f.kind !== 'frame') return;
      setSelected(frameRef(f));
      // A frame with leak patterns brings Details forward, so its "why it leaks" links are one click away
      // (the Suspects tab lists them for the selected frame too, so it stays).
      const s = useAppStore.getState();
      if (s.panel !== 'suspects' && (selectSuspectsView(s)?.byFunction.get(f.name)?.length ?? 0) > 0) setPanel('details');
    },
    [setSelected, setPanel],
  );
  const onZoom = useCallback((path: readonly string[]) => setZoomPath(path), [setZoomPath]);
  const onStats = useCallback(
    (s: FlameRenderStats) =>
      setFlameStats({
        framesDrawn: s.framesDrawn,
        framesMerged: s.framesMerged,
        mergedBoxes: s.mergedBoxes,
        subpixelGroups: s.subpixelBoxes,
        valueNotDrawnShare: s.valueNotDrawnShare,
        zeroWidthFrames: s.zeroWidthFrames,
      }),
    [setFlameStats],
  );

  if (!result) return <div className="empty">Waiting for a profile…</div>;
  return (
    <FlameGraph
      tree={result.flameTree}
      widthMode={result.values.hasBase ? widthMode : 'new'}
      search={search || null}
      zoomPath={zoomPath}
      zoomToFunction={zoomToFunction}
      selectedFunction={selectedName}
      patterns={patterns}
      unit={result.values.sampleType.unit}
      onHover={onHover}
      onSelect={onSelect}
      onZoom={onZoom}
      onStats={onStats}
      showLegend={false}
      showBreadcrumbs={false}
    />
  );
}
