// The application shell: first screen until a file is given, then the main screen. The file input,
// drop handling, keyboard shortcuts and plug-in host slots are always mounted.
import { useEffect } from 'react';
import { useShallow } from 'zustand/shallow';
import { useAppStore, type AppState } from '../store/index.ts';
import { sharedComputeClient } from '../worker/computeClient.ts';
import { prepareSuspectsWorker } from './patterns/suspectsModel.ts';
import { DropTarget } from './DropTarget.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { FileInput } from './FileInput.tsx';
import { FirstScreen } from './FirstScreen.tsx';
import { MainScreen } from './MainScreen.tsx';
import { SlotList } from './SlotList.tsx';
import { hostSlots } from './slots.ts';
import { useDocumentTitle } from './useDocumentTitle.ts';
import { useKeyboard } from './useKeyboard.ts';

const selectAppState = (s: AppState) => ({
  hasEntries: s.entries.length > 0,
  loadNotice: s.loadNotice,
  dismissLoadNotice: s.dismissLoadNotice,
});

/** `#example` (what `npm start` prints) opens the bundled example diff, on load or when typed later. */
let exampleLoading = false;
function useExampleFragment(): void {
  useEffect(() => {
    const maybeLoad = () => {
      if (exampleLoading || window.location.hash !== '#example' || useAppStore.getState().entries.length > 0) return;
      exampleLoading = true;
      void useAppStore.getState().loadExample().finally(() => (exampleLoading = false));
    };
    maybeLoad();
    window.addEventListener('hashchange', maybeLoad);
    return () => window.removeEventListener('hashchange', maybeLoad);
  }, []);
}

/**
 * The workers start once the first screen is up, so a file chosen then meets loaded code; while the page is
 * idle they warm up on made-up profiles (cold, a first decode or view took two to four times as long).
 */
function usePreparedWorkers(): void {
  useEffect(() => {
    const t = window.setTimeout(() => {
      useAppStore.getState().prepareDecoders();
      sharedComputeClient().prepare();
      prepareSuspectsWorker();
    }, 0);
    // The compute workers warm up after the decode workers, and only if no file came meanwhile: on two
    // cores, warming them while files decode made the first view later.
    const idle = window.setTimeout(() => {
      if (useAppStore.getState().entries.length > 0) return;
      sharedComputeClient().prepare('view');
      prepareSuspectsWorker('suspects');
    }, COMPUTE_WARM_UP_AFTER_MS);
    return () => {
      window.clearTimeout(t);
      window.clearTimeout(idle);
    };
  }, []);
}

const COMPUTE_WARM_UP_AFTER_MS = 400;

export function App() {
  const { hasEntries, loadNotice, dismissLoadNotice } = useAppStore(useShallow(selectAppState));
  usePreparedWorkers();
  useKeyboard();
  useDocumentTitle();
  useExampleFragment();
  return (
    <div className="app">
      <FileInput />
      <DropTarget />
      {loadNotice && (
        <div className="notice" role="alert" data-testid="notice">
          {loadNotice}
          <button type="button" className="link" onClick={dismissLoadNotice}>
            Dismiss
          </button>
        </div>
      )}
      <ErrorBoundary area="Leakscope">{hasEntries ? <MainScreen /> : <FirstScreen />}</ErrorBoundary>
      <SlotList slots={hostSlots} />
    </div>
  );
}
