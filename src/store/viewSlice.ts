// How the pair is looked at: sample type, normalization, width mode, filters, search, zoom and the
// selected / hovered function. Pure view state; the computed tree lives in the compute slice.
import type { StateCreator } from 'zustand';
import type { AppState } from './index.ts';

/** pprof's diff width |increase| + |decrease| ('diff'), the target's values only ('new'), or the base's only. */
export type { WidthMode } from '../calltree/callTree.ts';
import type { WidthMode } from '../calltree/callTree.ts';

/** The options that change what the pipeline computes (a new worker request when any changes). */
export interface PipelineOptions {
  /** null: the profile's default (inuse_space for heap profiles). */
  readonly sampleType: string | null;
  /** pprof -normalize: scale the base so its total equals the target's. */
  readonly normalize: boolean;
  /** Regular expressions as typed by the user, pprof's -focus / -ignore / -hide. */
  readonly focus: string;
  readonly ignore: string;
  readonly hide: string;
  readonly collapseRecursion: boolean;
}

/** A frame under the pointer or selected; set by the flame graph and the top table. */
export interface FrameRef {
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
  /** Path of function names from the root to this frame, when it is a node of the call tree. */
  readonly path?: readonly string[];
  /** This node's total (self + descendants) in base and new, when it is a node of the call tree. */
  readonly value?: { readonly base: number; readonly new: number };
}

export interface ViewSlice {
  readonly pipeline: PipelineOptions;
  readonly widthMode: WidthMode;
  readonly search: string;
  /** Function picked in the top table or by a click; the flame graph highlights it. */
  readonly selected: FrameRef | null;
  readonly hovered: FrameRef | null;
  /** Zoom target: a call-tree path (root first), empty for the whole tree. */
  readonly zoomPath: readonly string[];
  /**
   * A request to zoom to a function wherever it occurs (the top table's row click). The flame graph
   * resolves it to its largest node, then reports the resulting path with setZoomPath.
   */
  readonly zoomToFunction: { readonly name: string; readonly seq: number } | null;
  setPipeline(patch: Partial<PipelineOptions>): void;
  setWidthMode(mode: WidthMode): void;
  setSearch(search: string): void;
  setSelected(frame: FrameRef | null): void;
  setHovered(frame: FrameRef | null): void;
  setZoomPath(path: readonly string[]): void;
  zoomTo(functionName: string): void;
  resetZoom(): void;
}

export const defaultPipelineOptions: PipelineOptions = {
  sampleType: null,
  normalize: false,
  focus: '',
  ignore: '',
  hide: '',
  collapseRecursion: false,
};

let zoomSeq = 0;

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  pipeline: defaultPipelineOptions,
  widthMode: 'diff',
  search: '',
  selected: null,
  hovered: null,
  zoomPath: [],
  zoomToFunction: null,
  setPipeline: (patch) => set((s) => ({ pipeline: { ...s.pipeline, ...patch } })),
  setWidthMode: (widthMode) => set({ widthMode }),
  setSearch: (search) => set({ search }),
  setSelected: (selected) => set({ selected }),
  setHovered: (hovered) => set({ hovered }),
  setZoomPath: (zoomPath) => set({ zoomPath }),
  zoomTo: (name) => set({ selected: { name }, zoomToFunction: { name, seq: ++zoomSeq } }),
  resetZoom: () => set({ zoomPath: [], zoomToFunction: null }),
});
