// The d3-flame-graph wrapper: createFlameChart(el, options) -> {update, search, zoomTo, zoomToFunction, resetZoom,
// resize, destroy}. Each render cuts the visible part of the tree (visibleTree.ts) and hands only that to
// d3-flame-graph through chart.update(data); the library lays it out (icicle: inverted, roots on top) and draws
// the rects wider than SLIVER_MAX_PX, and the narrower ones are painted on a canvas beneath (sliverLayer.ts).
// Labels (SVG text), hover, click, test hooks and state classes are ours; withoutPerFrameOverhead says what is
// switched off while the library renders, and why. Names reach the DOM only as textContent or attribute values:
// never as HTML.
import flamegraph, { type FlameGraph, type FlameNode, type FlameTooltip } from 'd3-flame-graph';
import { select, selection as d3Selection } from 'd3';
import { css, diffRgb, labelColorOn, NEUTRAL, packageRgb } from './colors.ts';
import { type FlameTree, type WidthMode, nameOf, pathOf, resolvePath, selfOf, widestNodeNamed } from './flameTree.ts';
import { labelForWidth, MIN_LABEL_PX } from './labels.ts';
import type { SliverPlacement } from './sliverIndex.ts';
import { SLIVER_MAX_PX, SliverLayer, type SliverBox, type SliverMarks } from './sliverLayer.ts';
import { type FrameTest, type SearchIndex, type SearchTotals, searchFlameTree, searchFlameTreeText, substringMatcher } from './search.ts';
import { extractVisibleTree, type VisibleFrame, type VisibleStats } from './visibleTree.ts';
import './flameChart.css';

/** A frame as handed to callbacks: everything a details panel or tooltip shows. */
export interface FlameFrame<S = unknown> {
  readonly kind: 'frame' | 'merged';
  /** FlameTree index; for a merged box, its parent's. */
  readonly id: number;
  /** Function name, or "+N smaller frames". */
  readonly name: string;
  readonly file: string;
  readonly line: number;
  /** Function names from below the root to this frame (for a merged box: to its parent). */
  readonly path: readonly string[];
  readonly selfBase: number;
  readonly selfNew: number;
  readonly totalBase: number;
  readonly totalNew: number;
  readonly delta: number;
  /** Totals of the whole tree, for "share of total". */
  readonly rootBase: number;
  readonly rootNew: number;
  readonly differential: boolean;
  /** Absent from the base, present in the target. */
  readonly isNew: boolean;
  readonly mergedChildren: number;
  readonly mergedFrames: number;
  /** Leak-pattern ids marked on this frame. */
  readonly patterns: readonly string[];
  /** What the tree was built from at this node (a stack id for StackValues); the parent's for a merged box. */
  readonly source: S;
}

/** What one render drew; field names match the store's FlameStats. */
export interface FlameRenderStats {
  readonly framesDrawn: number;
  /** Frames not drawn individually (inside "+N smaller" boxes, callees included). */
  readonly framesMerged: number;
  readonly mergedBoxes: number;
  /** Parents whose narrow children sum to under a pixel as well: no box can be seen, their frames are in framesMerged. */
  readonly subpixelBoxes: number;
  /** Width-mode value not drawn individually, and its share (0..1) of the view's value. */
  readonly valueNotDrawn: number;
  readonly valueNotDrawnShare: number;
  /** Frames with no value in this width mode (e.g. vanished frames in 'new'). */
  readonly zeroWidthFrames: number;
  readonly totalFrames: number;
  readonly viewValue: number;
  readonly widthMode: WidthMode;
  /** Time spent in this render: cut + d3-flame-graph + decoration, in ms (the paint comes after). */
  readonly renderMs: number;
}

export type SearchQuery = string | FrameTest | { readonly test: FrameTest } | null;

export interface FlameNodeRef<S = unknown> {
  readonly id: number;
  readonly name: string;
  readonly source: S;
  /** Zoom path of the node, computed on first read. */
  readonly path: readonly string[];
}

export type PatternLookup<S> = (node: FlameNodeRef<S>) => readonly string[] | null | undefined;

export interface FlameViewPatch<S> {
  readonly tree?: FlameTree<S>;
  readonly widthMode?: WidthMode;
  /** A frame index, or a zoom path of names (empty = the whole tree). */
  readonly zoom?: number | readonly string[];
  /** A string is a plain case-insensitive substring of the name; calltree's FrameMatcher works too; null clears. */
  readonly search?: SearchQuery;
  /** Frames of this function get an outline. */
  readonly selectedName?: string | null;
  readonly patterns?: PatternLookup<S> | null;
}

export interface FlameChartOptions<S> extends FlameViewPatch<S> {
  readonly tree: FlameTree<S>;
  readonly cellHeight?: number;
  /** Frames narrower than this many px are merged into "+N smaller" boxes (default 1). */
  readonly minFramePx?: number;
  /** d3-flame-graph transition length (default 0: re-rooting is a different tree, sliding it misleads). */
  readonly transitionMs?: number;
  readonly onHover?: (frame: FlameFrame<S> | null, event: MouseEvent | null) => void;
  /** A click on a frame: it is selected and zoomed to (for a merged box, its parent is). */
  readonly onSelect?: (frame: FlameFrame<S>) => void;
  readonly onZoom?: (path: readonly string[], frame: FlameFrame<S> | null) => void;
  readonly onStats?: (stats: FlameRenderStats) => void;
  readonly onSearch?: (totals: SearchTotals | null) => void;
}

export interface FlameChart<S> {
  /** Applies any number of changes with one render. */
  update(patch: FlameViewPatch<S>): void;
  search(query: SearchQuery): SearchTotals | null;
  zoomTo(target: number | readonly string[]): void;
  /** Zooms to the widest frame of a function; returns its path, or null when no frame has that name. */
  zoomToFunction(name: string): readonly string[] | null;
  resetZoom(): void;
  /** Re-measures the element's width and redraws (also done by a ResizeObserver). */
  resize(): void;
  readonly zoomRoot: number;
  readonly zoomPath: readonly string[];
  readonly stats: FlameRenderStats | null;
  readonly searchTotals: SearchTotals | null;
  frame(id: number): FlameFrame<S>;
  destroy(): void;
}

const LABEL_FONT = '12px ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';
const DEFAULT_CELL_HEIGHT = 18;

function measureCharWidth(): number {
  const ctx = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
  if (!ctx) return 7.2;
  ctx.font = LABEL_FONT;
  return ctx.measureText('MMMMMMMMMM').width / 10 || 7.2;
}

export function createFlameChart<S>(el: HTMLElement, options: FlameChartOptions<S>): FlameChart<S> {
  // Inner functions use these, never `options`: a closure holding `options` held the first tree and
  // pattern lookup for the chart's whole life, whatever trees came after.
  const { onHover, onSelect, onZoom, onStats, onSearch } = options;
  let tree = options.tree;
  let widthMode: WidthMode = options.widthMode ?? 'diff';
  let zoomRoot = 0;
  let searchIndex: SearchIndex | null = null;
  let matcher: FrameTest | null = null;
  // The search as text when it was given as text: its index is shared (searchFlameTreeText).
  let searchText: string | null = null;
  let lastQuery: SearchQuery = null;
  let selectedName: string | null = options.selectedName ?? null;
  let patterns: PatternLookup<S> | null = options.patterns ?? null;
  let lastStats: FlameRenderStats | null = null;
  let drawnWidth = 0;
  // The element's width as last measured: read once here and then from the ResizeObserver, which reports after
  // layout. Reading clientWidth at the start of every render forced a synchronous style and layout pass.
  // Measured as the observer measures (fractional, then floored): clientWidth rounds, and a width one pixel off
  // the observer's first report drew the whole first view twice.
  const measureWidth = () => Math.floor(el.getBoundingClientRect().width);
  let knownWidth = measureWidth();
  // The frame under the pointer: an SVG group, or a sliver's frame.
  let hovered: Element | VisibleFrame | null = null;
  let destroyed = false;
  const charWidth = measureCharWidth();
  const minFramePx = options.minFramePx ?? 1;
  const cellHeight = options.cellHeight ?? DEFAULT_CELL_HEIGHT;
  const patternCache = new Map<number, readonly string[]>();

  el.classList.add('leakscope-flame');
  const host = document.createElement('div');
  host.className = 'leakscope-flame-host';
  el.appendChild(host);
  const empty = document.createElement('div');
  empty.className = 'leakscope-flame-empty';
  empty.hidden = true;
  el.appendChild(empty);
  const slivers = new SliverLayer(host, cellHeight);
  const sliverMarks: SliverMarks = {
    get searching() {
      return searchIndex !== null;
    },
    get selectedName() {
      return selectedName;
    },
    patternsOf: (f) => patternsOf(f.id),
  };

  // A tooltip that does nothing: with one set, d3-flame-graph adds no svg:title per frame. Hover and click
  // are delegated listeners on the host (below), so no HTML is ever built from names.
  const silentTip = Object.assign(() => {}, {
    show: () => silentTip,
    hide: () => silentTip,
  }) as unknown as FlameTooltip<VisibleFrame>;
  const immediate = (options.transitionMs ?? 0) === 0;

  const chart: FlameGraph<VisibleFrame> = flamegraph<VisibleFrame>()
    .cellHeight(cellHeight)
    .transitionDuration(options.transitionMs ?? 0)
    .inverted(true)
    .sort(false)
    // Narrower frames keep their place in the layout but are left to the sliver canvas.
    .minFrameSize(SLIVER_MAX_PX)
    .selfValue(false)
    .resetHeightOnZoom(true)
    .computeDelta(false)
    .tooltip(silentTip)
    // Only the library's own colour hash reads this (its label and name attribute are switched off).
    .getName((d) => d.data.name)
    .setColorMapper((d) => d.data.fill)
    // Never the library's regex search (it throws on Go names): matches are computed by us.
    .setSearchMatch((d) => d.data.match)
    .setDetailsHandler(() => {});
  let mounted = false;

  // A merged box's text is ours ("+N smaller frames") and is not cut like a function name.
  function labelOf(f: VisibleFrame): string {
    if (f.kind === 'merged') return f.px >= MIN_LABEL_PX ? f.name : '';
    return labelForWidth(f.name, f.px, charWidth);
  }

  function setPatterns(next: PatternLookup<S> | null): void {
    patterns = next;
    patternCache.clear();
  }

  function patternsOf(id: number): readonly string[] {
    if (!patterns) return [];
    let ids = patternCache.get(id);
    if (ids === undefined) {
      const t = tree;
      let path: string[] | null = null;
      const ref: FlameNodeRef<S> = {
        id,
        name: nameOf(t, id),
        source: t.source[id],
        get path() {
          return (path ??= pathOf(t, id));
        },
      };
      ids = patterns(ref) ?? [];
      patternCache.set(id, ids);
    }
    return ids;
  }

  function frameInfo(f: VisibleFrame): FlameFrame<S> {
    const t = tree;
    const id = f.id;
    const merged = f.kind === 'merged';
    const self = merged ? null : selfOf(t, id);
    return {
      kind: f.kind,
      id,
      name: f.name,
      file: merged ? '' : t.frameFile[t.frameId[id]],
      line: merged ? 0 : t.frameLine[t.frameId[id]],
      path: pathOf(t, id),
      selfBase: self?.base ?? 0,
      selfNew: self?.next ?? 0,
      totalBase: f.base,
      totalNew: f.next,
      delta: f.delta,
      rootBase: t.totalBase[0],
      rootNew: t.totalNew[0],
      differential: t.differential,
      isNew: f.isNew,
      mergedChildren: f.mergedChildren,
      mergedFrames: f.mergedFrames,
      patterns: merged ? [] : patternsOf(id),
      source: t.source[id],
    };
  }

  function nodeFrame(id: number): FlameFrame<S> {
    const t = tree;
    const base = t.totalBase[id];
    const next = t.totalNew[id];
    return frameInfo({
      id,
      kind: 'frame',
      name: nameOf(t, id),
      value: 0,
      px: 0,
      base,
      next,
      delta: next - base,
      isNew: t.differential && base === 0 && next !== 0,
      match: false,
      mergedChildren: 0,
      mergedFrames: 0,
      children: [],
      fill: '',
      fillRgb: 0,
      textColor: '',
      key: '',
    });
  }

  /**
   * Fill and label colours, and each frame's key for d3's data join: its call path from the tree's root by
   * names (a merged box: its parent's path and a marker). Ids would do within one tree, but a sample-type
   * switch or a filter brings a new tree with new ids; by path, frames that stay in view keep their elements.
   */
  function decorateTree(root: VisibleFrame, stats: VisibleStats): void {
    const differential = tree.differential;
    root.key = pathOf(tree, zoomRoot).join('\u0000');
    const pending: VisibleFrame[] = [root];
    while (pending.length > 0) {
      const f = pending.pop() as VisibleFrame;
      const rgb = differential ? diffRgb(f.delta, stats.maxAbsDelta) : f.kind === 'merged' ? NEUTRAL : packageRgb(f.name);
      f.fill = css(rgb);
      f.fillRgb = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
      f.textColor = labelColorOn(rgb);
      for (const c of f.children) {
        c.key = `${f.key}\u0000${c.kind === 'merged' ? '\u0001+' : c.name}`;
        pending.push(c);
      }
    }
  }

  function render(): void {
    if (destroyed) return;
    hovered = null;
    const started = performance.now();
    const width = knownWidth > 0 ? knownWidth : (knownWidth = measureWidth());
    if (width <= 0) return;
    drawnWidth = width;
    const visible = extractVisibleTree(tree, {
      rootId: zoomRoot,
      widthMode,
      pixelWidth: width,
      minFramePx,
      match: searchIndex?.match ?? null,
      subtreeMatch: searchIndex?.subtreeMatch ?? null,
    });
    const s = visible.stats;
    const nothing = s.viewValue <= 0;
    empty.hidden = !nothing;
    host.hidden = nothing;
    empty.textContent = nothing ? emptyMessage(widthMode, tree.differential) : '';
    if (!nothing) {
      decorateTree(visible.root, s);
      chart.width(width);
      withoutPerFrameOverhead(immediate, () => {
        if (!mounted) {
          select<HTMLElement, VisibleFrame>(host).datum(visible.root).call(chart);
          mounted = true;
        } else {
          chart.update(visible.root);
        }
      });
      placeSlivers(width);
      decorate();
    } else {
      slivers.set([], width);
    }
    lastStats = {
      framesDrawn: nothing ? 0 : s.drawn,
      framesMerged: s.merged,
      mergedBoxes: s.mergedBoxes,
      subpixelBoxes: s.subpixelBoxes,
      valueNotDrawn: s.hiddenValue,
      valueNotDrawnShare: s.hiddenShare,
      zeroWidthFrames: s.zeroWidth + (nothing ? 1 : 0),
      totalFrames: s.totalFrames,
      viewValue: s.viewValue,
      widthMode,
      renderMs: performance.now() - started,
    };
    onStats?.(lastStats);
  }

  // The frames d3-flame-graph left out as too narrow, where its layout put them. The SVG is made tall enough
  // for the deepest of them (the library sizes it from the frames it draws).
  function placeSlivers(width: number): void {
    const root = select<HTMLElement, FlameNode<VisibleFrame>>(host).datum();
    const placements: SliverBox[] = [];
    root.each((d) => {
      const px = (d.x1 - d.x0) * width;
      if (px <= SLIVER_MAX_PX) placements.push({ frame: d.data, x: d.x0 * width, width: px, row: d.depth, newSubtree: startsNewSubtree(d) });
    });
    slivers.set(placements, width);
    const svg = host.querySelector('svg');
    const needed = (slivers.rows + 2) * cellHeight;
    if (svg && slivers.rows > 0 && Number(svg.getAttribute('height')) < needed) svg.setAttribute('height', String(needed));
  }

  // Test hooks and state classes on what d3-flame-graph drew: O(drawn frames). Attributes are written only
  // when they change: d3-flame-graph reuses elements across renders and every SVG attribute write costs.
  // The slivers are repainted with the same marks.
  function decorate(): void {
    slivers.paint(sliverMarks);
    const searching = searchIndex !== null;
    const groups = host.querySelectorAll<SVGGElement>('svg > g');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      const d = (g as unknown as { __data__: FlameNode<VisibleFrame> }).__data__;
      const f = d.data;
      const rect = g.firstElementChild as SVGRectElement | null;
      if (!rect) continue;
      const merged = f.kind === 'merged';
      const ids = merged ? NO_PATTERNS : patternsOf(f.id);
      let cls = 'frame';
      if (merged) cls += ' is-merged';
      if (startsNewSubtree(d)) cls += ' is-new';
      if (searching) cls += f.match ? ' is-match' : ' is-dimmed';
      if (selectedName !== null && !merged && f.name === selectedName) cls += ' is-selected';
      if (ids.length > 0) cls += ' has-pattern';
      const memo = memoOf(rect);
      put(g, memo, 'class', cls);
      put(rect, memo, 'data-testid', merged ? 'merged-frames' : 'frame');
      put(rect, memo, 'data-name', f.name);
      put(rect, memo, 'data-delta', String(f.delta));
      put(rect, memo, 'data-merged-count', merged ? String(f.mergedChildren) : null);
      put(rect, memo, 'data-merged-frames', merged ? String(f.mergedFrames) : null);
      put(rect, memo, 'data-new-frame', f.isNew ? 'true' : null);
      put(rect, memo, 'data-patterns', ids.length > 0 ? ids.join(' ') : null);
      markPatterns(g, ids, d);
      placeLabel(rect, memo, labelOf(f), f.textColor);
    }
  }

  // Labels are SVG text, and only on frames wide enough to hold one: d3-flame-graph's own labels are an
  // HTML div in a foreignObject on every frame, which made style and layout the largest cost of a render.
  function placeLabel(rect: SVGRectElement, memo: AttributeMemo, text: string, color: string): void {
    let label = rect.nextElementSibling instanceof SVGTextElement ? rect.nextElementSibling : null;
    if (text === '') {
      if (label) {
        label.remove();
        memo.label = undefined;
        memo.color = undefined;
      }
      return;
    }
    if (!label) {
      label = document.createElementNS(SVG_NS, 'text');
      label.setAttribute('class', 'flame-label');
      label.setAttribute('x', '4');
      label.setAttribute('y', String(Math.round(cellHeight * 0.7)));
      rect.after(label);
      memo.label = undefined;
      memo.color = undefined;
    }
    if (memo.label !== text) {
      label.textContent = text;
      memo.label = text;
    }
    if (memo.color !== color) {
      label.setAttribute('fill', color);
      memo.color = color;
    }
  }

  function markPatterns(g: SVGGElement, ids: readonly string[], d: FlameNode<VisibleFrame>): void {
    let marker = g.lastElementChild instanceof SVGPathElement ? g.lastElementChild : null;
    if (ids.length === 0) {
      marker?.remove();
      return;
    }
    const list = ids.join(' ');
    if (!marker) {
      marker = document.createElementNS(SVG_NS, 'path');
      marker.setAttribute('class', 'flame-pattern-marker');
      marker.setAttribute('data-testid', 'pattern-marker');
      g.appendChild(marker);
    }
    marker.setAttribute('data-patterns', list);
    // A small flag in the frame's top-left corner, clipped to narrow frames.
    const size = Math.min(8, Math.max(2, d.data.px));
    marker.setAttribute('d', `M0,0H${size}L0,${size}Z`);
  }

  function emitZoom(frame: FlameFrame<S> | null): void {
    onZoom?.(pathOf(tree, zoomRoot), frame);
  }

  function setZoom(target: number | readonly string[] | undefined): boolean {
    if (target === undefined) return false;
    const id = typeof target === 'number' ? target : resolvePath(tree, target, widthMode);
    const next = id >= 0 && id < tree.size ? id : 0;
    if (next === zoomRoot) return false;
    zoomRoot = next;
    return true;
  }

  function setSearch(query: SearchQuery | undefined): void {
    if (query === undefined) return;
    lastQuery = query;
    matcher = query === null ? null : typeof query === 'string' ? substringMatcher(query) : typeof query === 'function' ? query : query.test;
    searchText = typeof query === 'string' ? query : null;
    searchIndex = searchText !== null ? searchFlameTreeText(tree, searchText) : matcher ? searchFlameTree(tree, matcher) : null;
    onSearch?.(searchIndex?.totals ?? null);
  }

  /** The frame under the pointer: a drawn SVG group's, or a sliver's on the canvas. */
  function frameAt(event: MouseEvent): { frame: VisibleFrame; group: Element | null; sliver: SliverPlacement<VisibleFrame> | null } | null {
    const target = event.target as Element | null;
    const g = target?.closest?.('g.frame');
    if (g && host.contains(g)) return { frame: (g as unknown as { __data__: FlameNode<VisibleFrame> }).__data__.data, group: g, sliver: null };
    if (!target || !host.contains(target) || slivers.size === 0) return null;
    const box = host.getBoundingClientRect();
    const sliver = slivers.at(event.clientX - box.left, event.clientY - box.top);
    return sliver ? { frame: sliver.frame, group: null, sliver } : null;
  }

  function onClick(event: MouseEvent): void {
    const hit = frameAt(event);
    if (!hit) return;
    // Keep d3-flame-graph's own zoom out of it: we re-root instead of hiding siblings.
    event.stopPropagation();
    const f = hit.frame;
    let zoomTarget = f.id;
    // Clicking the view's root steps one level out; a merged box zooms to its parent.
    if (f.kind === 'frame' && f.id === zoomRoot && zoomRoot !== 0) zoomTarget = tree.parent[zoomRoot];
    const info = frameInfo(f);
    onSelect?.(info);
    if (setZoom(zoomTarget)) {
      render();
      emitZoom(info);
    }
  }
  el.addEventListener('click', onClick, true);

  // On every move, not only on entering an element: slivers share one canvas, so the frame changes within it.
  function onPointerMove(event: MouseEvent): void {
    const hit = frameAt(event);
    slivers.hover(hit?.sliver ?? null);
    const key = hit ? (hit.group ?? hit.frame) : null;
    if (key === hovered) return;
    hovered = key;
    if (!hit) onHover?.(null, null);
    else onHover?.(frameInfo(hit.frame), event);
  }
  function onPointerLeave(): void {
    slivers.hover(null);
    if (hovered === null) return;
    hovered = null;
    onHover?.(null, null);
  }
  host.addEventListener('mousemove', onPointerMove);
  host.addEventListener('mouseleave', onPointerLeave);
  // The canvas reads its outline colours from CSS variables, which follow the colour scheme.
  const scheme = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  function onSchemeChange(): void {
    slivers.resetPalette();
    if (mounted && !host.hidden) slivers.paint(sliverMarks);
  }
  scheme?.addEventListener('change', onSchemeChange);

  let resizeFrame = 0;
  const resizeObserver =
    typeof ResizeObserver !== 'undefined'
      ? new ResizeObserver((entries) => {
          const entry = entries[entries.length - 1];
          knownWidth = entry ? Math.floor(entry.contentRect.width) : measureWidth();
          if (knownWidth === drawnWidth) return;
          cancelAnimationFrame(resizeFrame);
          resizeFrame = requestAnimationFrame(() => render());
        })
      : null;
  resizeObserver?.observe(el);

  /** Whether `query` is the search already applied (a string by its text, anything else by identity). */
  function isCurrentSearch(query: SearchQuery): boolean {
    if (query === null) return matcher === null;
    return typeof query === 'string' ? searchText === query : query === lastQuery;
  }

  // Renders only when the patch changes what is drawn; a new selection or pattern set only re-marks the
  // drawn frames (a click that zooms also selects, and would otherwise draw everything twice).
  function update(patch: FlameViewPatch<S>): void {
    let changed = false;
    if (patch.tree !== undefined && patch.tree !== tree) {
      const path = pathOf(tree, zoomRoot);
      tree = patch.tree;
      patternCache.clear();
      // Keep the zoom on the same call path when the tree changes (sample type, filters, other pair).
      zoomRoot = 0;
      if (patch.zoom === undefined) setZoom(path);
      if (patch.search === undefined && matcher) setSearch(searchText ?? matcher);
      changed = true;
    }
    if (patch.widthMode !== undefined && patch.widthMode !== widthMode) {
      widthMode = patch.widthMode;
      changed = true;
    }
    // Patterns and the selected function only mark frames already drawn: no new layout.
    let marksChanged = false;
    if (patch.patterns !== undefined && patch.patterns !== patterns) {
      setPatterns(patch.patterns);
      marksChanged = true;
    }
    if (patch.selectedName !== undefined && patch.selectedName !== selectedName) {
      selectedName = patch.selectedName;
      marksChanged = true;
    }
    if (setZoom(patch.zoom)) changed = true;
    if (patch.search !== undefined && (changed || !isCurrentSearch(patch.search))) {
      setSearch(patch.search);
      changed = true;
    }
    if (changed) render();
    else if (marksChanged && mounted && !host.hidden) decorate();
  }

  setZoom(options.zoom);
  setSearch(options.search);
  render();

  return {
    update,
    search(query) {
      setSearch(query);
      render();
      return searchIndex?.totals ?? null;
    },
    zoomTo(target) {
      if (setZoom(target)) render();
    },
    zoomToFunction(name) {
      const id = widestNodeNamed(tree, name, widthMode);
      if (id < 0) return null;
      if (setZoom(id)) render();
      emitZoom(nodeFrame(id));
      return pathOf(tree, id);
    },
    resetZoom() {
      if (setZoom(0)) {
        render();
        emitZoom(null);
      }
    },
    resize() {
      knownWidth = measureWidth();
      render();
    },
    get zoomRoot() {
      return zoomRoot;
    },
    get zoomPath() {
      return pathOf(tree, zoomRoot);
    },
    get stats() {
      return lastStats;
    },
    get searchTotals() {
      return searchIndex?.totals ?? null;
    },
    frame(id) {
      return nodeFrame(id);
    },
    destroy() {
      destroyed = true;
      cancelAnimationFrame(resizeFrame);
      resizeObserver?.disconnect();
      el.removeEventListener('click', onClick, true);
      host.removeEventListener('mousemove', onPointerMove);
      host.removeEventListener('mouseleave', onPointerLeave);
      scheme?.removeEventListener('change', onSchemeChange);
      slivers.destroy();
      chart.destroy();
      host.remove();
      empty.remove();
      el.classList.remove('leakscope-flame');
    },
  };
}

function emptyMessage(mode: WidthMode, differential: boolean): string {
  if (!differential) return 'Nothing to draw: this profile has no value for the chosen sample type.';
  switch (mode) {
    case 'diff':
      return 'Nothing changed between base and target for this sample type.';
    case 'new':
      return 'The target has no value here; switch the width to base or diff.';
    case 'base':
      return 'The base has no value here; switch the width to target or diff.';
    default:
      return 'Nothing to draw.';
  }
}

const NO_PATTERNS: readonly string[] = [];
const SVG_NS = 'http://www.w3.org/2000/svg';
const SKIPPED_GROUP_ATTRIBUTES = new Set(['name', 'width', 'height', 'class']);

interface AttributeMemo {
  [name: string]: string | null | undefined;
}

function memoOf(el: Element): AttributeMemo {
  const holder = el as unknown as { __flameMemo?: AttributeMemo };
  return (holder.__flameMemo ??= {});
}

function put(el: Element, memo: AttributeMemo, name: string, value: string | null): void {
  if (memo[name] === value) return;
  memo[name] = value;
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/** An element's key in d3's data join (see decorateTree). */
function frameKey(d: FlameNode<VisibleFrame>): string {
  return d.data.key;
}

type AttrSelection = {
  node(): Element | null;
  each(f: (this: Element, d: unknown, i: number, nodes: ArrayLike<Element>) => void): unknown;
};

type AnySelection = { attr(...a: unknown[]): unknown; style(...a: unknown[]): unknown; text(...a: unknown[]): unknown };

/**
 * Runs a d3-flame-graph render without its per-frame overhead. Even with a 0 ms duration the library starts a
 * d3 transition per frame for position, width and label (each transform is parsed through an SVG element on
 * the next tick, and labels appear a frame late), and re-binds three listeners on every frame. For the length
 * of this synchronous call, `transition()` (when `immediate`) applies its attr/style/text at once and `on()`
 * binds nothing: hover and click are delegated listeners on the host instead.
 */
function withoutPerFrameOverhead(immediate: boolean, render: () => void): void {
  const proto = d3Selection.prototype as unknown as {
    transition: (...a: unknown[]) => unknown;
    on: (...a: unknown[]) => unknown;
    append: (...a: unknown[]) => unknown;
    attr: (...a: unknown[]) => unknown;
    data: (...a: unknown[]) => unknown;
  };
  const transition = proto.transition;
  const on = proto.on;
  const append = proto.append;
  const attr = proto.attr;
  const data = proto.data;
  // Elements are matched to frames by call path (the library keys them by a per-render counter), so a frame
  // that stays in view keeps its element and most attributes need no rewrite after a zoom, a mode switch or a
  // new tree.
  proto.data = function (this: unknown, ...args: unknown[]) {
    if (typeof args[1] === 'function') args[1] = frameKey;
    return data.apply(this, args);
  };
  // Attributes the library writes on every <g> that nothing reads: its label copy ("name"), width and height
  // (meaningless on a group) and "class", which decorate() writes with our state classes anyway.
  // The rest (transform, width, fill…) is written only where it changed: frames that kept their element
  // (see data below) often keep their values too, and every SVG attribute write invalidates style.
  proto.attr = function (this: AttrSelection, ...args: unknown[]) {
    const [name, value] = args;
    if (args.length < 2 || typeof name !== 'string') return attr.apply(this, args);
    if (SKIPPED_GROUP_ATTRIBUTES.has(name) && this.node()?.tagName === 'g') return this;
    if (typeof value !== 'function') return attr.apply(this, args);
    return this.each(function (this: Element, d: unknown, i: number, nodes: ArrayLike<Element>) {
      const v = (value as (this: Element, d: unknown, i: number, nodes: ArrayLike<Element>) => unknown).call(this, d, i, nodes);
      if (v === null || v === undefined) this.removeAttribute(name);
      else {
        const text = String(v);
        if (this.getAttribute(name) !== text) this.setAttribute(name, text);
      }
    });
  };
  const nothing = select(document.createElement('div')).filter(() => false);
  // No foreignObject labels (see placeLabel): every chained call on the empty selection does nothing.
  proto.append = function (this: unknown, ...args: unknown[]) {
    return args[0] === 'foreignObject' ? nothing : append.apply(this, args);
  };
  if (immediate) {
    proto.transition = function (this: AnySelection) {
      const selection = this;
      const now = {
        duration: () => now,
        ease: () => now,
        delay: () => now,
        attr: (name: unknown, value: unknown) => (selection.attr(name, value), now),
        style: (name: unknown, value: unknown) => (selection.style(name, value), now),
        text: (value: unknown) => (selection.text(value), now),
      };
      return now;
    };
  }
  proto.on = function (this: unknown, ...args: unknown[]) {
    return args.length < 2 ? on.apply(this, args) : this;
  };
  try {
    render();
  } finally {
    proto.transition = transition;
    proto.on = on;
    proto.append = append;
    proto.attr = attr;
    proto.data = data;
  }
}

/**
 * Whether a frame gets the dashed "new" outline: only where a new subtree starts (its callees are new too) and
 * where it can be seen: dashed outlines on every narrow callee read as noise.
 */
function startsNewSubtree(d: FlameNode<VisibleFrame>): boolean {
  return d.data.isNew && !(d.parent?.data.isNew ?? false) && d.data.px >= 3;
}
