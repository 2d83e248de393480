// Finds the bytes for each profile a link names, in order: the local store, data embedded in the link,
// a profile store on the app's own origin (`profiles/<sha256>`, or the link's `store=`). Every byte
// that did not come from this browser's own store is checked against its hash before anyone sees it.
import { decodeEmbedded } from './embed.ts';
import type { LocalProfileStore } from './localStore.ts';
import { sha256Hex, type Sha256Hex } from './sha256.ts';
import type { EmbeddedProfiles, SharedProfileRef } from './urlState.ts';

export type ResolvedFrom = 'local' | 'embedded' | 'store' | 'file';

export type ProfileResolution =
  | { readonly status: 'resolved'; readonly ref: SharedProfileRef; readonly bytes: Uint8Array; readonly from: ResolvedFrom }
  /** Not found anywhere; `problems` says what was found but refused (e.g. a tampered store file). */
  | { readonly status: 'missing'; readonly ref: SharedProfileRef; readonly problems: readonly string[] };

export type FetchOutcome =
  | { readonly kind: 'found'; readonly bytes: Uint8Array; readonly contentEncoding: string | null }
  | { readonly kind: 'absent' }
  | { readonly kind: 'failed'; readonly message: string };

export interface ResolveSources {
  readonly local: Pick<LocalProfileStore, 'get'> | null;
  readonly embedded: EmbeddedProfiles;
  /** Absolute base URLs ending in "/", already checked to be on the app's origin. */
  readonly storeBases: readonly string[];
  readonly fetchBytes: (url: string) => Promise<FetchOutcome>;
  readonly hash?: (bytes: Uint8Array) => Promise<Sha256Hex>;
}

export async function resolveProfiles(
  refs: readonly SharedProfileRef[],
  sources: ResolveSources,
): Promise<ProfileResolution[]> {
  return Promise.all(refs.map((ref) => resolveOne(ref, sources)));
}

async function resolveOne(ref: SharedProfileRef, sources: ResolveSources): Promise<ProfileResolution> {
  const hash = sources.hash ?? sha256Hex;
  const problems: string[] = [];
  const label = `${ref.name} (${shortHash(ref.hash)})`;

  if (sources.local) {
    const local = await sources.local.get(ref.hash);
    // The local store is keyed by the hash we computed when the file was loaded: trusted.
    if (local.ok && local.value) return { status: 'resolved', ref, bytes: local.value.bytes, from: 'local' };
  }

  const embedded = sources.embedded.get(ref.hash);
  if (embedded !== undefined) {
    const decoded = decodeEmbedded(embedded);
    if (!decoded.ok) problems.push(`${label}: ${decoded.reason}.`);
    else {
      const actual = await hash(decoded.bytes);
      if (actual === ref.hash) return { status: 'resolved', ref, bytes: decoded.bytes, from: 'embedded' };
      problems.push(`${label}: the data embedded in the link does not match its hash (it hashes to ${shortHash(actual)}); refused.`);
    }
  }

  for (const base of sources.storeBases) {
    for (const url of storeUrls(base, ref.hash)) {
      const outcome = await sources.fetchBytes(url);
      if (outcome.kind === 'absent') continue;
      if (outcome.kind === 'failed') {
        problems.push(`${label}: ${url} could not be fetched (${outcome.message}).`);
        continue;
      }
      const actual = await hash(outcome.bytes);
      if (actual === ref.hash) return { status: 'resolved', ref, bytes: outcome.bytes, from: 'store' };
      problems.push(integrityMessage(label, url, actual, outcome, ref.name));
      break; // one store's copy was wrong: its other name for the same file is not more trustworthy
    }
  }

  return { status: 'missing', ref, problems };
}

/** The names a profile store may use for a file: the bare hash (preferred) or `<hash>.pb.gz`. */
export function storeUrls(base: string, hash: Sha256Hex): string[] {
  return [`${base}${hash}`, `${base}${hash}.pb.gz`];
}

function integrityMessage(
  label: string,
  url: string,
  actual: Sha256Hex,
  outcome: { bytes: Uint8Array; contentEncoding: string | null },
  name: string,
): string {
  // A gzipped profile served with Content-Encoding: gzip reaches us inflated. (Compression the server
  // adds on the fly is harmless: the browser undoes it and the bytes are the file's.)
  const expectedGzip = name.endsWith('.gz') || url.endsWith('.gz');
  const receivedGzip = outcome.bytes.length >= 2 && outcome.bytes[0] === 0x1f && outcome.bytes[1] === 0x8b;
  const decodedByServer = outcome.contentEncoding !== null && outcome.contentEncoding !== 'identity' && expectedGzip && !receivedGzip;
  if (decodedByServer) {
    return (
      `Integrity error: ${label}: ${url} was sent with Content-Encoding: ${outcome.contentEncoding}, so the browser ` +
      `received decoded bytes that do not match the hash. Serve the store without Content-Encoding ` +
      `(name files by the bare hash, without .gz). Nothing from this file was opened.`
    );
  }
  return (
    `Integrity error: ${label}: ${url} does not match its hash (it hashes to ${shortHash(actual)}); ` +
    `the file was changed or is another profile. Nothing from it was opened.`
  );
}

/**
 * The store base URLs to try: `profiles/` next to the app, then the link's `store=`. Only http(s) on
 * the page's own origin: the page's CSP forbids other connections, and a link must not be able to
 * make this browser contact a server of the link author's choosing.
 */
export function storeBaseUrls(store: string | null, pageUrl: string): { bases: string[]; notices: string[] } {
  const notices: string[] = [];
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return { bases: [], notices };
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return { bases: [], notices };
  const bases = [new URL('profiles/', page).href];
  if (store !== null) {
    let url: URL | null = null;
    try {
      url = new URL(store.endsWith('/') ? store : `${store}/`, page);
    } catch {
      url = null;
    }
    if (!url || url.origin !== page.origin) {
      notices.push(`The link's profile store "${store.slice(0, 80)}" is not on this site; it was not contacted.`);
    } else if (!bases.includes(url.href)) {
      url.hash = '';
      url.search = '';
      bases.unshift(url.href);
    }
  }
  return { bases, notices };
}

export type DroppedFileCheck =
  | { readonly ok: true; readonly ref: SharedProfileRef; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly message: string };

/** A file the user dropped onto the "files this link needs" prompt: accepted only if its hash is needed. */
export async function checkDroppedFile(
  fileName: string,
  bytes: Uint8Array,
  needed: readonly SharedProfileRef[],
  hash: (bytes: Uint8Array) => Promise<Sha256Hex> = sha256Hex,
): Promise<DroppedFileCheck> {
  const actual = await hash(bytes);
  const ref = needed.find((r) => r.hash === actual);
  if (ref) return { ok: true, ref, bytes };
  return {
    ok: false,
    message: `${fileName} is not one of the files this link needs (its hash ${shortHash(actual)} matches none of them); it was not opened.`,
  };
}

export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** The browser's fetch as a FetchOutcome. A missing file on a single-page-app host comes back as HTML. */
export async function fetchStoreBytes(url: string): Promise<FetchOutcome> {
  try {
    const response = await fetch(url, { credentials: 'same-origin', redirect: 'error', cache: 'no-cache' });
    if (response.status === 404 || response.status === 410) return { kind: 'absent' };
    if (!response.ok) return { kind: 'failed', message: `HTTP ${response.status}` };
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith('text/html')) return { kind: 'absent' };
    return {
      kind: 'found',
      bytes: new Uint8Array(await response.arrayBuffer()),
      contentEncoding: response.headers.get('content-encoding'),
    };
  } catch (e) {
    return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}
