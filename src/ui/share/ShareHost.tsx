// Always mounted: starts the URL manager and the offline service worker, and shows what a link did —
// notices (ignored parameters, integrity errors, storage problems) and the files a link still needs.
import { useEffect } from 'react';
import { useShallow } from 'zustand/shallow';
import { useAppStore, type AppState } from '../../store/index.ts';
import { MissingProfiles } from './MissingProfiles.tsx';
import { registerServiceWorker } from './registerServiceWorker.ts';
import { startUrlManager } from './urlManager.ts';
import './share.css';

const selectHost = (s: AppState) => ({
  notices: s.shareNotices,
  dismiss: s.dismissShareNotice,
  resolving: s.resolvingLink,
  missing: s.missingProfiles.length,
});

let started = false;

export function ShareHost() {
  useEffect(() => {
    // Once per page: StrictMode mounts effects twice in development.
    if (started) return;
    started = true;
    startUrlManager(useAppStore);
    registerServiceWorker();
  }, []);

  const { notices, dismiss, resolving, missing } = useAppStore(useShallow(selectHost));
  if (notices.length === 0 && !resolving && missing === 0) return null;
  return (
    <div className="share-dock" aria-live="polite">
      {resolving && (
        <div className="share-notice" data-testid="share-resolving">
          Looking for the profiles this link names…
        </div>
      )}
      {notices
        .filter((n) => !(missing > 0 && n.kind === 'refused')) // shown inside the prompt instead
        .map((n) => (
        <div
          key={n.id}
          className={`share-notice share-notice-${n.kind}`}
          role={n.kind === 'integrity' ? 'alert' : 'status'}
          data-testid={n.kind === 'integrity' ? 'integrity-error' : 'share-notice'}
          data-kind={n.kind}
        >
          <span>{n.text}</span>
          <button type="button" className="link" onClick={() => dismiss(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
      {missing > 0 && <MissingProfiles />}
    </div>
  );
}
