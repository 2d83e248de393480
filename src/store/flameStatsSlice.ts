// What the flame graph drew, reported by it for the status line: nothing is hidden silently.
import type { StateCreator } from 'zustand';
import type { AppState } from './index.ts';

export interface FlameStats {
  /** Frames drawn individually. */
  readonly framesDrawn: number;
  /** Frames too narrow to draw, merged into "+N smaller" boxes. */
  readonly framesMerged: number;
  /** Number of "+N smaller" boxes they were merged into. */
  readonly mergedBoxes: number;
  /** Groups of narrow frames whose sum is under a pixel too: counted in framesMerged, no box drawn. */
  readonly subpixelGroups: number;
  /** Share (0..1) of the view's value that is not drawn individually. */
  readonly valueNotDrawnShare: number;
  /** Frames with no value in the current width mode (e.g. vanished frames when showing the target only). */
  readonly zeroWidthFrames: number;
}

export interface FlameStatsSlice {
  readonly flameStats: FlameStats | null;
  setFlameStats(stats: FlameStats | null): void;
}

export const createFlameStatsSlice: StateCreator<AppState, [], [], FlameStatsSlice> = (set) => ({
  flameStats: null,
  setFlameStats: (flameStats) => set({ flameStats }),
});
