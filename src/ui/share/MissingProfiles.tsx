// The files a link needs and that were found nowhere: name, size and hash prefix of each, and a place
// to drop or choose them. Each file is checked against its hash; a wrong file is refused.
import { useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/shallow';
import { shortHash } from '../../share/resolveProfiles.ts';
import { useAppStore, type AppState } from '../../store/index.ts';
import { formatFileSize } from '../format.ts';

const selectMissing = (s: AppState) => ({
  missing: s.missingProfiles,
  provide: s.provideMissingFiles,
  skip: s.skipMissingProfiles,
  notices: s.shareNotices,
});

export function MissingProfiles() {
  const { missing, provide, skip, notices } = useAppStore(useShallow(selectMissing));
  const refused = notices.filter((n) => n.kind === 'refused');
  const [over, setOver] = useState(false);

  // Handled here and stopped, so the page-wide drop handler does not load the file as a new profile.
  const onDragOver = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length > 0) void provide(files);
  };

  return (
    <section
      className={`missing-profiles${over ? ' drag-over' : ''}`}
      data-testid="missing-profiles"
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <h2>This link needs {missing.length === 1 ? 'one more profile' : `${missing.length} more profiles`}</h2>
      <p className="muted">
        They were not in this browser, in the link, or in a profiles/ folder beside the app. Drop them here (each
        is checked against its hash):
      </p>
      <ul>
        {missing.map((ref) => (
          <li key={ref.hash} data-testid="missing-profile" data-hash={ref.hash}>
            <span className="mono">{ref.name}</span> <span className="muted">{formatFileSize(ref.size)}</span>{' '}
            <span className="mono muted" title={ref.hash}>
              sha256 {shortHash(ref.hash)}…
            </span>
          </li>
        ))}
      </ul>
      <label className="missing-choose">
        <span>Choose files…</span>
        <input
          type="file"
          multiple
          data-testid="missing-file-input"
          onChange={(e) => {
            const files = e.currentTarget.files ? [...e.currentTarget.files] : [];
            e.currentTarget.value = '';
            if (files.length > 0) void provide(files);
          }}
        />
      </label>{' '}
      <button type="button" className="link" data-testid="missing-skip" onClick={skip}>
        Continue without them
      </button>
      {refused.map((n) => (
        <p key={n.id} className="missing-refused" role="alert" data-testid="missing-refused">
          {n.text}
        </p>
      ))}
    </section>
  );
}
