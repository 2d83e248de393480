// The right panel's tabs, in display order. To add a tab: import your component and add one entry.
// `when` hides a tab that does not apply (e.g. Goroutines without a goroutine profile); it must be cheap.
import type { ComponentType } from 'react';
import type { AppState } from '../store/index.ts';
import { DetailsPanel } from './DetailsPanel.tsx';
import { GoroutinesPanel } from './goroutines/GoroutinesPanel.tsx';
import { selectHasGoroutines } from './goroutines/goroutineModel.ts';
import { MemStatsPanel, selectHasMemStats } from './memstats/MemStatsPanel.tsx';
import { hasLeakDiff, SuspectsPanel } from './patterns/SuspectsPanel.tsx';
import { TopTable } from './TopTable.tsx';
import { TrendPanel } from './trend/TrendPanel.tsx';
import { selectHasTimeline } from './trend/trendModel.ts';

export interface PanelDef {
  readonly id: string;
  readonly title: string;
  readonly component: ComponentType;
  readonly when?: (state: AppState) => boolean;
}

export const rightPanels: readonly PanelDef[] = [
  { id: 'suspects', title: 'Suspects', component: SuspectsPanel, when: hasLeakDiff },
  { id: 'details', title: 'Details', component: DetailsPanel },
  { id: 'top', title: 'Top table', component: TopTable },
  { id: 'trend', title: 'Trend', component: TrendPanel, when: selectHasTimeline },
  { id: 'goroutines', title: 'Goroutines', component: GoroutinesPanel, when: selectHasGoroutines },
  { id: 'memstats', title: 'MemStats', component: MemStatsPanel, when: selectHasMemStats },
];
