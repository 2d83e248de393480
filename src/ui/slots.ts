// Places other features plug components into, in display order. Add one entry to the list you need.
// - topBarSlots: right end of the top bar (e.g. the Share button).
// - firstScreenSlots: below the drop zone on the first screen (e.g. recently opened profiles).
// - hostSlots: always mounted, render nothing visible (e.g. URL <-> view state sync).
import type { ComponentType } from 'react';
import type { AppState } from '../store/index.ts';
import { LeadSuspect } from './patterns/LeadSuspect.tsx';
import { PatternPageHost } from './patterns/PatternPage.tsx';
import { RecentProfiles } from './share/RecentProfiles.tsx';
import { ShareButton } from './share/ShareButton.tsx';
import { ShareHost } from './share/ShareHost.tsx';
import { Timeline } from './trend/Timeline.tsx';
import { selectHasTimeline } from './trend/trendModel.ts';

export interface SlotDef {
  readonly id: string;
  readonly component: ComponentType;
  readonly when?: (state: AppState) => boolean;
}

export const topBarSlots: readonly SlotDef[] = [
  { id: 'timeline', component: Timeline, when: selectHasTimeline },
  { id: 'lead-suspect', component: LeadSuspect },
  { id: 'share', component: ShareButton },
];

export const firstScreenSlots: readonly SlotDef[] = [{ id: 'recent-profiles', component: RecentProfiles }];

export const hostSlots: readonly SlotDef[] = [
  { id: 'share-host', component: ShareHost },
  { id: 'pattern-page', component: PatternPageHost },
];
