// Cuts the part of a FlameTree that can be seen at the current zoom and width: every frame at least one
// pixel wide is kept; the narrower children of a parent are merged into one "+N smaller frames" box that
// carries their summed values. Cost is O(children of drawn frames), never O(all nodes).
import { type FlameTree, type WidthMode, widthArray } from './flameTree.ts';
import { formatCount } from '../profile/units.ts';

export interface VisibleFrame {
  /** FlameTree index of the frame; for a merged box, the index of its parent. */
  readonly id: number;
  readonly kind: 'frame' | 'merged';
  /** Function name, or "+N smaller frames" for a merged box. */
  readonly name: string;
  /** Width in the current mode: the value d3-flame-graph lays out (a merged box may be widened to one pixel). */
  readonly value: number;
  /** Drawn width in CSS pixels. */
  readonly px: number;
  readonly base: number;
  readonly next: number;
  /** next − base, signed, in the profile's unit. */
  readonly delta: number;
  /** In a diff: absent from the base, present in the target. */
  readonly isNew: boolean;
  /** Matches the current search; for a merged box, some frame inside it does. */
  readonly match: boolean;
  /** For a merged box: how many sibling frames it stands for, and how many frames with their callees. */
  readonly mergedChildren: number;
  readonly mergedFrames: number;
  readonly children: VisibleFrame[];
  /** Presentation slots, filled by the chart for the frames it draws (extraction leaves them empty). */
  fill: string;
  /** The fill as 0xRRGGBB, for the sliver canvas (parsing `fill` back per sliver cost more than painting). */
  fillRgb: number;
  textColor: string;
  /** The element's key in the chart's data join. */
  key: string;
}

export interface VisibleStats {
  /** Real frames drawn (the view root included). */
  readonly drawn: number;
  /** "+N smaller frames" boxes drawn. */
  readonly mergedBoxes: number;
  /**
   * Parents whose narrow children add up to less than a pixel and that are too narrow to show a box in: no box
   * is drawn, their frames count in `merged` and their value in `hiddenValue`.
   */
  readonly subpixelBoxes: number;
  /** Frames not drawn individually: those inside merged boxes, callees included. */
  readonly merged: number;
  /** Frames whose value in this width mode is zero (e.g. vanished frames in 'new' mode). */
  readonly zeroWidth: number;
  /** Frames under the view root, the root included: drawn + merged + zeroWidth. */
  readonly totalFrames: number;
  /** Width-mode value inside merged boxes, and its share of the view root's value (0..1). */
  readonly hiddenValue: number;
  readonly hiddenShare: number;
  readonly viewValue: number;
  /** Largest |delta| among drawn frames and boxes: the colour scale's full intensity. */
  readonly maxAbsDelta: number;
  readonly widthMode: WidthMode;
}

export interface VisibleTree {
  readonly root: VisibleFrame;
  readonly stats: VisibleStats;
}

export interface ExtractOptions {
  readonly rootId: number;
  readonly widthMode: WidthMode;
  readonly pixelWidth: number;
  /** Frames narrower than this are merged; 1 px unless a test says otherwise. */
  readonly minFramePx?: number;
  /**
   * A merged box is drawn at least this wide (default minFramePx) by taking the room from its parent's own
   * (self) width, so a few sub-pixel frames still show as a sliver; where the parent has no room, it is not drawn.
   */
  readonly minBoxPx?: number;
  /**
   * Only parents at least this wide get a widened box (default 8 px): in narrower ones a one-pixel sliver cannot
   * be told apart, and every extra element slows each render down. The frames still count in the stats.
   */
  readonly minWidenParentPx?: number;
  /** Per node: matches the search. */
  readonly match?: Uint8Array | null;
  /** Per node: its subtree holds a match (so a merged box can say a match hides inside). */
  readonly subtreeMatch?: Uint8Array | null;
}

interface MutableFrame {
  id: number;
  kind: 'frame' | 'merged';
  name: string;
  value: number;
  px: number;
  base: number;
  next: number;
  delta: number;
  isNew: boolean;
  match: boolean;
  mergedChildren: number;
  mergedFrames: number;
  children: MutableFrame[];
  fill: string;
  fillRgb: number;
  textColor: string;
  key: string;
}

export function mergedBoxName(count: number): string {
  // Not toLocaleString: it costs about 0.1 ms a call, and there are hundreds of boxes per render.
  return count === 1 ? '+1 smaller frame' : `+${formatCount(count)} smaller frames`;
}

export function extractVisibleTree(tree: FlameTree<unknown>, options: ExtractOptions): VisibleTree {
  const { rootId, widthMode, pixelWidth } = options;
  const minPx = options.minFramePx ?? 1;
  const minBoxPx = options.minBoxPx ?? minPx;
  const minWidenParentPx = options.minWidenParentPx ?? 8;
  const match = options.match ?? null;
  const subtreeMatch = options.subtreeMatch ?? null;
  const width = widthArray(tree, widthMode);
  const { subtreeSize, childStart, childIds, frameId, frameName, totalBase, totalNew } = tree;
  const differential = tree.differential;
  const viewValue = Math.max(0, width[rootId]);
  const scale = viewValue > 0 ? pixelWidth / viewValue : 0;

  const frameOf = (i: number): MutableFrame => {
    const base = totalBase[i];
    const next = totalNew[i];
    return {
      id: i,
      kind: 'frame',
      name: frameName[frameId[i]],
      value: Math.max(0, width[i]),
      px: Math.max(0, width[i]) * scale,
      base,
      next,
      delta: next - base,
      isNew: differential && base === 0 && next !== 0,
      match: match !== null && match[i] === 1,
      mergedChildren: 0,
      mergedFrames: 0,
      children: [],
      fill: '',
      fillRgb: 0,
      textColor: '',
      key: '',
    };
  };

  const root = frameOf(rootId);
  let drawn = 1;
  let mergedBoxes = 0;
  let subpixelBoxes = 0;
  let merged = 0;
  let zeroWidth = 0;
  let hiddenValue = 0;
  let maxAbsDelta = Math.abs(root.delta);

  if (viewValue <= 0) {
    zeroWidth = subtreeSize[rootId] - 1;
  } else {
    const pending: MutableFrame[] = [root];
    while (pending.length > 0) {
      const frame = pending.pop() as MutableFrame;
      const p = frame.id;
      let drawnValue = 0;
      let boxChildren = 0;
      let boxFrames = 0;
      let boxValue = 0;
      let boxBase = 0;
      let boxNext = 0;
      let boxMatch = false;
      for (let k = childStart[p], end = childStart[p + 1]; k < end; k++) {
        const c = childIds[k];
        const w = width[c];
        if (!(w > 0)) {
          zeroWidth += subtreeSize[c];
        } else if (w * scale >= minPx) {
          const child = frameOf(c);
          drawnValue += child.value;
          frame.children.push(child);
          pending.push(child);
          drawn++;
          const abs = Math.abs(child.delta);
          if (abs > maxAbsDelta) maxAbsDelta = abs;
        } else {
          boxChildren++;
          boxFrames += subtreeSize[c];
          boxValue += w;
          boxBase += totalBase[c];
          boxNext += totalNew[c];
          if (subtreeMatch !== null && subtreeMatch[c] === 1) boxMatch = true;
        }
      }
      if (frame.children.length > 1) frame.children.sort(byName);
      if (boxChildren > 0) {
        merged += boxFrames;
        hiddenValue += boxValue;
        let layoutValue = boxValue;
        if (boxValue * scale < minBoxPx) {
          // Widen the box to a pixel, taking the room from the parent's self width or else from its widest
          // drawn child (which gives up under a pixel; its own children are narrowed likewise below).
          const wanted = minBoxPx / scale;
          const room = frame.value - drawnValue;
          const widest = widestChild(frame.children);
          if (frame.px < minWidenParentPx || (room < wanted && (widest === null || widest.px - (wanted - room) * scale < minPx))) {
            subpixelBoxes++;
            continue;
          }
          layoutValue = wanted;
        }
        mergedBoxes++;
        const delta = boxNext - boxBase;
        if (Math.abs(delta) > maxAbsDelta) maxAbsDelta = Math.abs(delta);
        frame.children.push({
          id: p,
          kind: 'merged',
          name: mergedBoxName(boxChildren),
          value: layoutValue,
          px: layoutValue * scale,
          base: boxBase,
          next: boxNext,
          delta,
          isNew: false,
          match: boxMatch,
          mergedChildren: boxChildren,
          mergedFrames: boxFrames,
          children: [],
          fill: '',
          fillRgb: 0,
          textColor: '',
          key: '',
        });
        drawnValue += layoutValue;
      }
      // A frame narrowed for a sibling's box (above) passes the difference on to its own widest child, so
      // children never overflow their parent.
      const excess = drawnValue - frame.value;
      if (excess > 0) {
        const widest = widestChild(frame.children);
        if (widest !== null && widest.kind === 'frame') {
          widest.value -= excess;
          widest.px = widest.value * scale;
        }
      }
    }
  }

  return {
    root,
    stats: {
      drawn,
      mergedBoxes,
      subpixelBoxes,
      merged,
      zeroWidth,
      totalFrames: subtreeSize[rootId],
      hiddenValue,
      hiddenShare: viewValue > 0 ? hiddenValue / viewValue : 0,
      viewValue,
      maxAbsDelta,
      widthMode,
    },
  };
}

function widestChild(children: readonly MutableFrame[]): MutableFrame | null {
  let widest: MutableFrame | null = null;
  for (const c of children) if (c.kind === 'frame' && (widest === null || c.value > widest.value)) widest = c;
  return widest;
}

function byName(a: MutableFrame, b: MutableFrame): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id;
}
