// Profiles kept in this browser (IndexedDB), newest first: open one again, or delete it.
import { useEffect } from 'react';
import { useShallow } from 'zustand/shallow';
import { shortHash } from '../../share/resolveProfiles.ts';
import { useAppStore, type AppState } from '../../store/index.ts';
import { formatClock, formatFileSize } from '../format.ts';

const selectRecent = (s: AppState) => ({
  recent: s.recentProfiles,
  refresh: s.refreshRecent,
  open: s.openRecent,
  remove: s.deleteRecent,
});

export function RecentProfiles() {
  const { recent, refresh, open, remove } = useAppStore(useShallow(selectRecent));
  useEffect(() => {
    void refresh();
  }, [refresh]);
  if (recent.length === 0) return null;
  return (
    <section className="recent-profiles" data-testid="recent-profiles">
      <h2>Recently opened</h2>
      <p className="muted">Kept in this browser only.</p>
      <ul>
        {recent.map((m) => (
          <li key={m.hash} data-testid="recent-profile" data-hash={m.hash}>
            <button type="button" className="link mono" data-testid="recent-open" onClick={() => void open(m.hash)} title={`sha256 ${m.hash}`}>
              {m.name}
            </button>{' '}
            <span className="muted">
              {formatFileSize(m.size)} · {formatClock(m.loadedAt)} · {shortHash(m.hash)}
            </span>{' '}
            <button type="button" className="link" data-testid="recent-delete" onClick={() => void remove(m.hash)} aria-label={`Delete ${m.name}`}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
