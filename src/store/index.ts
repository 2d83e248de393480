// The one application store, assembled from typed slices (one file each). To add a slice: write
// src/store/<name>Slice.ts exporting `create<Name>Slice: StateCreator<AppState, [], [], <Name>Slice>`,
// add its type to AppState and one spread line to the creator below.
import { create } from 'zustand';
import { createComputeSlice, startComputeDriver, type ComputeSlice } from './computeSlice.ts';
import { createFlameStatsSlice, type FlameStatsSlice } from './flameStatsSlice.ts';
import { createProfilesSlice, type ProfilesSlice } from './profilesSlice.ts';
import { createViewSlice, type ViewSlice } from './viewSlice.ts';
import { createShareSlice, type ShareSlice } from './shareSlice.ts';

export type AppState = ProfilesSlice & ViewSlice & ComputeSlice & FlameStatsSlice & ShareSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createProfilesSlice(...a),
  ...createViewSlice(...a),
  ...createComputeSlice(...a),
  ...createFlameStatsSlice(...a),
  ...createShareSlice(...a),
}));

// Only in a browser page: tests import slices without starting workers.
if (typeof window !== 'undefined') startComputeDriver(useAppStore);
