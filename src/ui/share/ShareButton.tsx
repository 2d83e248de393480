// The Share button: builds the link for the current view, copies it, and says what the link carries.
// Profiles can ride in the link (deflate + base64url) when small enough; otherwise the link names them
// by hash and "Download profiles" saves the files to send along.
import { useState } from 'react';
import { embedLimits } from '../../share/embed.ts';
import { safeFileName } from '../../share/safeFileName.ts';
import { shortHash } from '../../share/resolveProfiles.ts';
import { urlFromState, type SharedProfileRef } from '../../share/urlState.ts';
import { useAppStore } from '../../store/index.ts';
import { urlStateOf } from '../../store/shareSlice.ts';
import { formatFileSize } from '../format.ts';

interface Built {
  readonly url: string;
  readonly embedded: boolean;
  readonly profileCount: number;
  /** Characters the profile data adds to the link. */
  readonly dataChars: number;
  readonly copied: boolean;
}

async function buildLink(includeData: boolean): Promise<Omit<Built, 'copied'> & { embeddable: number }> {
  const s = useAppStore.getState();
  const view = urlStateOf(s);
  const data = await s.embeddedData(view.profiles);
  const dataChars = [...data.values()].reduce((n, d) => n + d.length, 0);
  const embeddable = data.size === view.profiles.length && dataChars <= embedLimits.offerEmbedMaxChars ? dataChars : -1;
  const embedded = includeData && embeddable >= 0;
  const fragment = urlFromState(view, embedded ? { embedded: data } : {});
  const page = window.location.href.split('#')[0];
  return { url: `${page}${fragment}`, embedded, profileCount: view.profiles.length, dataChars, embeddable };
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function ShareButton() {
  const [open, setOpen] = useState(false);
  const [includeData, setIncludeData] = useState(false);
  const [built, setBuilt] = useState<Built | null>(null);
  const [embeddable, setEmbeddable] = useState(-1);
  const [busy, setBusy] = useState(false);

  const share = async (withData: boolean) => {
    setBusy(true);
    try {
      const link = await buildLink(withData);
      setEmbeddable(link.embeddable);
      const copied = await copyText(link.url);
      setBuilt({ ...link, copied });
      setOpen(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="share">
      <button type="button" data-testid="share" disabled={busy} onClick={() => void share(includeData)} aria-expanded={open}>
        Share
      </button>
      {open && built && (
        <div className="share-popover" role="dialog" aria-label="Share this view">
          <p data-testid="share-mode" data-mode={built.embedded ? 'embedded' : 'hashes'}>
            {built.copied ? 'Link copied. ' : 'Copy the link below. '}
            {built.embedded
              ? `It carries the ${built.profileCount} profile(s) inside it (${formatFileSize(built.dataChars)} of data): whoever opens it sees this view. Nothing is uploaded; the data is in the part of the link after #, which browsers never send to a server.`
              : `It names the ${built.profileCount} profile(s) by SHA-256 only, no data: it opens in a browser that has them, from a profiles/ folder beside the app, or when the recipient drops the files.`}
          </p>
          <a className="share-url" data-testid="share-url" href={built.url}>
            {built.url}
          </a>
          <label className="share-option">
            <input
              type="checkbox"
              data-testid="share-embed"
              checked={includeData && embeddable >= 0}
              disabled={embeddable < 0}
              onChange={(e) => {
                setIncludeData(e.currentTarget.checked);
                void share(e.currentTarget.checked);
              }}
            />{' '}
            Include the profiles in the link{' '}
            <span className="muted">
              {embeddable >= 0
                ? `(adds ${formatFileSize(embeddable)})`
                : `(too large: over ${formatFileSize(embedLimits.offerEmbedMaxChars)} of link; download them instead)`}
            </span>
          </label>
          <div className="share-actions">
            <button type="button" data-testid="download-profiles" onClick={() => void downloadProfiles()}>
              Download profiles
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** Saves every profile of the view under a sanitized name (names come from files and links). */
async function downloadProfiles(): Promise<void> {
  const s = useAppStore.getState();
  const refs: readonly SharedProfileRef[] = urlStateOf(s).profiles;
  for (const ref of refs) {
    const bytes = await s.profileBytes(ref.hash);
    if (!bytes) {
      s.addShareNotice('storage', `${ref.name} (${shortHash(ref.hash)}) is no longer stored here and cannot be downloaded.`);
      continue;
    }
    const url = URL.createObjectURL(new Blob([bytes.slice().buffer], { type: 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = safeFileName(ref.name, `${shortHash(ref.hash)}.pprof`);
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
