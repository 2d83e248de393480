// The top bar: profile chips, then the view controls (sample type, absolute/normalized, width mode,
// search, focus/ignore/hide, collapse recursion), then the plug-in slots (e.g. Share).
import { ProfileChips } from './ProfileChips.tsx';
import { SearchBox } from './SearchBox.tsx';
import { SlotList } from './SlotList.tsx';
import { topBarSlots } from './slots.ts';
import { ViewControls } from './ViewControls.tsx';

export function TopBar() {
  return (
    <header className="top-bar">
      <div className="top-bar-row">
        <span className="brand">Leakscope</span>
        <ProfileChips />
        <div className="top-bar-slots">
          <SlotList slots={topBarSlots} />
        </div>
      </div>
      <div className="top-bar-row controls">
        <ViewControls />
        <SearchBox />
      </div>
    </header>
  );
}
