// The differential flame graph as a React component: mounts createFlameChart (src/flame) in an effect,
// feeds it prop changes as one update each, and shows a hover tooltip built from text only.
//
// ── Props API ─────────────────────────────────────────────────────────────────────────────────────────
// <FlameGraph
//   tree={result.values}            StackValues (the compute result), anything with a `values: StackValues` (a calltree
//                                   CallTree), or a prepared FlameTree; null = an empty state. One FlameTree is built per
//                                   StackValues object (WeakMap), so pass the same object while nothing changed.
//   widthMode="diff"                'diff' (base + new: pprof's |increase|+|decrease|) | 'new' (alias 'target') | 'base'
//   search="(*Server).handle"       plain case-insensitive substring of the function name, a calltree FrameMatcher
//                                   ({test(name, file)}), a (name, file) => boolean, or null. Compared by identity: keep it stable.
//   zoomPath={["main.main", …]}     function names below the synthetic root; [] = whole tree. Applied when it changes.
//   zoomToFunction={{name, seq}}    zooms to the widest frame of `name` whenever `seq` changes (top table, suspects)
//   selectedFunction="main.leak"    every frame of this function gets a bold outline
//   patterns={(node) => ids}        leak-pattern ids of a node {id, name, source: stack id (-1 = root), path (lazy)};
//                                   called only for drawn frames, cached per node until the function or tree changes
//   unit="bytes"                    unit for the hover card (default: the StackValues' sample type unit)
//   formatValue={(v) => "1.5 MiB"}  overrides the unit formatting (default: profile/units.ts formatValue)
//   onHover={(frame | null) => …}   FlameFrame: kind 'frame' | 'merged', id, name, file, line, path, selfBase/New,
//                                   totalBase/New, delta, rootBase/New, isNew, mergedChildren/Frames, patterns, source
//   onSelect={(frame) => …}         a click; the frame is zoomed to as well (a merged box zooms to its parent)
//   onZoom={(path, frame | null) => …}  after a user zoom (click, Esc, breadcrumbs, zoomToFunction) and when a requested
//                                   path no longer resolves fully in a new tree (then with the deepest path that does)
//   onStats={(stats) => …}          after every render: framesDrawn, framesMerged, mergedBoxes, subpixelBoxes,
//                                   valueNotDrawn, valueNotDrawnShare (0..1), zeroWidthFrames, totalFrames, viewValue,
//                                   widthMode, renderMs. The app's status line shows these: nothing is hidden silently.
//   onSearch={(totals | null) => …} matchedFrames, matchedFunctions, totalBase/New, delta, shareNew/Base, topMatches
//   showTooltip (default true) · showLegend · showBreadcrumbs · showStats (default false: the app shell has its own)
//   transitionMs (default 0) · className · style
// />
// Esc (outside text inputs) resets the zoom; a click on the frame at the top of a zoomed view steps one level out.
//
// Test hooks inside [data-testid=flamegraph] (data-width-mode, data-zoom = path joined by newlines):
//   rect[data-testid=frame][data-name][data-delta][fill]   one per drawn frame; delta = new − base in the profile's unit;
//                                                          fill is rgb(), red-dominant for growth, blue-dominant for shrinkage
//   rect[data-new-frame=true]                              frames absent from the base
//   rect[data-patterns] + path[data-testid=pattern-marker] frames with leak patterns (space-separated ids)
//   rect[data-testid=merged-frames][data-merged-count][data-merged-frames][data-name="+N smaller frames"][data-delta]
//   g.frame.is-match / g.frame.is-dimmed / g.frame.is-selected / g.frame.is-new   search, selection, new-subtree outline
//   canvas[data-testid=flame-slivers][data-frames][data-merged-boxes]   frames and boxes at most 3 px wide, painted
//                                                          beneath the SVG instead of being elements (hover/click work)
//   [data-testid=flame-tooltip]                            the hover card
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { StackValues } from '../../diff/stackValues.ts';
import {
  createFlameChart,
  type FlameChart,
  type FlameFrame,
  type FlameRenderStats,
  type PatternLookup,
  type SearchQuery,
} from '../../flame/flameChart.ts';
import type { FlameTree, WidthMode } from '../../flame/flameTree.ts';
import { cachedFlameTree } from '../../flame/fromStackValues.ts';
import type { SearchTotals } from '../../flame/search.ts';
import { formatCount, formatValue as formatInUnit } from '../../profile/units.ts';
import { FlameBreadcrumbs } from './FlameBreadcrumbs.tsx';
import { FlameLegend } from './FlameLegend.tsx';
import { FlameTooltip } from './FlameTooltip.tsx';
import './flameGraph.css';

export type { FlameFrame, FlameRenderStats, SearchTotals, WidthMode };

export type FlameGraphTree = StackValues | { readonly values: StackValues } | FlameTree<number>;

export interface FlameGraphProps {
  readonly tree: FlameGraphTree | null;
  readonly widthMode?: WidthMode | 'target';
  readonly search?: SearchQuery;
  readonly zoomPath?: readonly string[];
  readonly zoomToFunction?: { readonly name: string; readonly seq: number } | null;
  readonly selectedFunction?: string | null;
  readonly patterns?: PatternLookup<number> | null;
  readonly unit?: string;
  readonly formatValue?: (value: number) => string;
  readonly onHover?: (frame: FlameFrame<number> | null) => void;
  readonly onSelect?: (frame: FlameFrame<number>) => void;
  readonly onZoom?: (path: readonly string[], frame: FlameFrame<number> | null) => void;
  readonly onStats?: (stats: FlameRenderStats) => void;
  readonly onSearch?: (totals: SearchTotals | null) => void;
  readonly showTooltip?: boolean;
  readonly showLegend?: boolean;
  readonly showBreadcrumbs?: boolean;
  readonly showStats?: boolean;
  /** d3-flame-graph transition in ms (default 0). */
  readonly transitionMs?: number;
  readonly className?: string;
  readonly style?: CSSProperties;
}

function isFlameTree(t: FlameGraphTree): t is FlameTree<number> {
  return 'subtreeSize' in t;
}

export function toFlameTree(t: FlameGraphTree): FlameTree<number> {
  if (isFlameTree(t)) return t;
  return cachedFlameTree('stacks' in t ? t : t.values);
}

function unitOf(t: FlameGraphTree | null): string {
  if (!t || isFlameTree(t)) return '';
  return ('stacks' in t ? t : t.values).sampleType.unit;
}

function normalizeMode(mode: WidthMode | 'target' | undefined): WidthMode {
  return mode === 'target' ? 'new' : (mode ?? 'diff');
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

interface Hover {
  readonly frame: FlameFrame<number>;
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

/** What the chart's callbacks reach in the component: refs and state setters only. */
interface ChartHandles {
  readonly propsRef: { readonly current: FlameGraphProps };
  readonly wrapRef: { readonly current: HTMLDivElement | null };
  readonly chartRef: { current: FlameChart<number> | null };
  readonly applied: { current: AppliedProps | null };
  readonly setHover: (hover: Hover | null) => void;
  readonly setZoomPath: (path: readonly string[]) => void;
  readonly setStats: (stats: FlameRenderStats) => void;
}

interface AppliedProps {
  readonly tree: FlameTree<number> | null;
  readonly widthMode: WidthMode;
  readonly search: SearchQuery | undefined;
  readonly selected: string | null;
  readonly patterns: PatternLookup<number> | null;
  readonly zoomKey: string | null;
  readonly zoomSeq: number | null;
}

/**
 * Creates the chart and returns its cleanup. Outside the component on purpose: closures made in a render
 * keep that render's variables alive, and the chart's callbacks (and React's cleanup) live as long as the
 * chart, so callbacks made in the first render held its flame tree through every later tree.
 */
function mountChart(host: HTMLElement, tree: FlameTree<number>, widthMode: WidthMode, zoomKey: string | null, handles: ChartHandles): () => void {
  const { propsRef, wrapRef, chartRef, applied, setHover, setZoomPath, setStats } = handles;
  const p = propsRef.current;
  const chart = createFlameChart<number>(host, {
    tree,
    widthMode,
    search: p.search ?? null,
    selectedName: p.selectedFunction ?? null,
    patterns: p.patterns ?? null,
    zoom: p.zoomPath ?? [],
    transitionMs: p.transitionMs ?? 0,
    onHover: (frame, event) => {
      propsRef.current.onHover?.(frame);
      const wrap = wrapRef.current;
      if (!frame || !event || !wrap) {
        setHover(null);
        return;
      }
      const box = wrap.getBoundingClientRect();
      setHover({ frame, x: event.clientX - box.left, y: event.clientY - box.top, width: box.width });
    },
    onSelect: (frame) => propsRef.current.onSelect?.(frame),
    onZoom: (path, frame) => {
      setZoomPath(path);
      setHover(null);
      propsRef.current.onZoom?.(path, frame);
    },
    onStats: (s) => {
      propsRef.current.onStats?.(s);
      if (propsRef.current.showStats) setStats(s);
    },
    onSearch: (totals) => propsRef.current.onSearch?.(totals),
  });
  chartRef.current = chart;
  setZoomPath(chart.zoomPath);
  applied.current = {
    tree,
    widthMode,
    search: p.search ?? null,
    selected: p.selectedFunction ?? null,
    patterns: p.patterns ?? null,
    zoomKey,
    zoomSeq: p.zoomToFunction?.seq ?? null,
  };
  if (p.zoomToFunction) chart.zoomToFunction(p.zoomToFunction.name);
  return () => {
    chart.destroy();
    chartRef.current = null;
    applied.current = null;
    setHover(null);
  };
}

/** Esc outside text fields resets the zoom. Made outside the component, like mountChart, for the same reason. */
function resetZoomOnEscape(chartRef: { readonly current: FlameChart<number> | null }): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    chartRef.current?.resetZoom();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

export function FlameGraph(props: FlameGraphProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<FlameChart<number> | null>(null);
  // Latest props for callbacks handed to the chart once at mount.
  const propsRef = useRef(props);
  propsRef.current = props;
  const [hover, setHover] = useState<Hover | null>(null);
  const [zoomPath, setZoomPath] = useState<readonly string[]>([]);
  const [stats, setStats] = useState<FlameRenderStats | null>(null);

  const flameTree = useMemo(() => (props.tree ? toFlameTree(props.tree) : null), [props.tree]);
  const widthMode = normalizeMode(props.widthMode);
  const unit = props.unit ?? unitOf(props.tree);
  const format = props.formatValue ?? ((v: number) => formatInUnit(v, unit));
  const zoomKey = props.zoomPath ? JSON.stringify(props.zoomPath) : null;

  // What was last handed to the chart, so each effect run sends only what changed: one render per change.
  const applied = useRef<AppliedProps | null>(null);

  // Mount once per tree presence; all later changes go through update().
  useEffect(() => {
    const host = hostRef.current;
    if (!host || !flameTree) return;
    return mountChart(host, flameTree, widthMode, zoomKey, { propsRef, wrapRef, chartRef, applied, setHover, setZoomPath, setStats });
    // Remount only when a tree appears or disappears; everything else is an update.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flameTree === null]);

  useEffect(() => {
    const chart = chartRef.current;
    const last = applied.current;
    if (!chart || !last || !flameTree) return;
    const search = props.search ?? null;
    const selected = props.selectedFunction ?? null;
    const patterns = props.patterns ?? null;
    const patch: Parameters<FlameChart<number>['update']>[0] = {
      ...(flameTree !== last.tree ? { tree: flameTree } : {}),
      ...(widthMode !== last.widthMode ? { widthMode } : {}),
      ...(search !== last.search ? { search } : {}),
      ...(selected !== last.selected ? { selectedName: selected } : {}),
      ...(patterns !== last.patterns ? { patterns } : {}),
      ...(zoomKey !== last.zoomKey && props.zoomPath && !samePath(props.zoomPath, chart.zoomPath) ? { zoom: props.zoomPath } : {}),
    };
    applied.current = { ...last, tree: flameTree, widthMode, search, selected, patterns, zoomKey };
    if (Object.keys(patch).length > 0) {
      chart.update(patch);
      setZoomPath(chart.zoomPath);
      // The asked-for path may not exist in this tree any more (new sample type, filters): say where we are.
      if (props.zoomPath && !samePath(props.zoomPath, chart.zoomPath)) propsRef.current.onZoom?.(chart.zoomPath, null);
    }
    const seq = props.zoomToFunction?.seq ?? null;
    if (props.zoomToFunction && seq !== last.zoomSeq) {
      applied.current = { ...applied.current, zoomSeq: seq };
      chart.zoomToFunction(props.zoomToFunction.name);
    }
  });

  useEffect(() => resetZoomOnEscape(chartRef), []);

  const differential = flameTree?.differential ?? false;
  return (
    <div className={`flame-graph${props.className ? ` ${props.className}` : ''}`} style={props.style}>
      {props.showLegend && <FlameLegend differential={differential} />}
      {props.showBreadcrumbs && (
        <FlameBreadcrumbs
          path={zoomPath}
          onNavigate={(path) => {
            chartRef.current?.zoomTo(path);
            const now = chartRef.current?.zoomPath ?? path;
            setZoomPath(now);
            propsRef.current.onZoom?.(now, null);
          }}
        />
      )}
      <div className="flame-graph-wrap" ref={wrapRef} onMouseLeave={() => setHover(null)}>
        <div className="flame-graph-canvas" data-testid="flamegraph" ref={hostRef} data-width-mode={widthMode} data-zoom={zoomPath.join('\n')} />
        {!flameTree && <div className="flame-graph-empty">No profile to draw yet.</div>}
        {(props.showTooltip ?? true) && hover && (
          <FlameTooltip frame={hover.frame} x={hover.x} y={hover.y} containerWidth={hover.width} format={format} />
        )}
      </div>
      {props.showStats && stats && (
        <div className="flame-graph-stats" data-testid="flame-stats">
          {formatCount(stats.framesDrawn)} frames drawn · {formatCount(stats.framesMerged)} merged into{' '}
          {formatCount(stats.mergedBoxes)} “+N smaller” boxes · {(stats.valueNotDrawnShare * 100).toFixed(2)}% of value not
          drawn individually
        </div>
      )}
    </div>
  );
}
