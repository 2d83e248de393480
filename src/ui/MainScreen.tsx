// The main screen: top bar, flame graph in the centre, tabbed right panel, totals bar and status line.
import { Centre } from './Centre.tsx';
import { RightPanel } from './RightPanel.tsx';
import { StatusLine } from './StatusLine.tsx';
import { TopBar } from './TopBar.tsx';
import { TotalsBar } from './TotalsBar.tsx';

export function MainScreen() {
  return (
    <div className="main-screen">
      <TopBar />
      <TotalsBar />
      <div className="workspace">
        <Centre />
        <RightPanel />
      </div>
      <StatusLine />
    </div>
  );
}
