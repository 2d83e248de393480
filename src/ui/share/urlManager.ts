// The one module that touches window.history: keeps the URL fragment and the store's view in step.
// Store changes push a history entry (typing in search only replaces it); back/forward and followed
// links are parsed and applied. While a link is being restored the URL is left exactly as given.
import type { StoreApi } from 'zustand';
import { stateFromUrl, urlFromState, defaultUrlState } from '../../share/urlState.ts';
import type { AppState } from '../../store/index.ts';
import { installShareLoading, urlStateOf } from '../../store/shareSlice.ts';

/** Fragments owned by other features that are not view links. */
const FOREIGN_FRAGMENTS = new Set(['', '#', '#example']);

const EMPTY_VIEW = urlFromState(defaultUrlState);

export function startUrlManager(store: StoreApi<AppState>): () => void {
  installShareLoading(store);
  let lastFragment = window.location.hash;
  let written = fragmentOf(store.getState());
  let wasRestoring = false;
  let replaceNext = false;

  const open = () => {
    const fragment = window.location.hash;
    if (FOREIGN_FRAGMENTS.has(fragment)) return;
    const parsed = stateFromUrl(window.location.href);
    const routeOnly = !fragment.includes('?') && parsed.notices.length === 0 && parsed.state.profiles.length === 0;
    if (routeOnly) {
      // A plain link such as <a href="#/patterns/timer-leak">: change the page, keep the view.
      replaceNext = true;
      const route = parsed.state.route;
      if (route.kind === 'pattern') store.getState().openPattern(route.id);
      else store.getState().closePattern();
      return;
    }
    void store.getState().openLink(parsed, window.location.href);
  };

  const unsubscribe = store.subscribe((s) => {
    const restoring = s.resolvingLink || s.pendingView !== null;
    if (restoring) {
      wasRestoring = true;
      return;
    }
    const fragment = fragmentOf(s);
    if (fragment === written) return;
    const onlySearchChanged = fragmentOf({ ...s, search: searchOf(written) }) === written;
    written = fragment;
    // The fragment the URL has, or will have once a pending write is made.
    const shown = pending ? pending.fragment : window.location.hash;
    if (fragment === shown || (fragment === '' && FOREIGN_FRAGMENTS.has(shown))) return;
    const url = `${window.location.pathname}${window.location.search}${fragment}`;
    // While files are still decoding the view passes through in-between states (one profile, then
    // the pair): those replace the entry, so Back goes to the previous view, not to half of this one.
    const loading = s.entries.some((e) => e.status === 'loading');
    write(url, fragment, wasRestoring || replaceNext || onlySearchChanged || loading);
    wasRestoring = false;
    replaceNext = false;
  });

  // The history entry is written after the change has been painted: pushState can block the page for tens
  // of milliseconds, and a zoom or a search should show first. Writes in between coalesce into one (a push
  // if any of them was one).
  let pending: { url: string; fragment: string; replace: boolean } | null = null;
  const flush = () => {
    const p = pending;
    pending = null;
    // Coalesced back to where the URL already is: nothing to write.
    if (!p || p.fragment === window.location.hash) return;
    if (p.replace) window.history.replaceState(null, '', p.url);
    else window.history.pushState(null, '', p.url);
    lastFragment = window.location.hash;
  };
  function write(url: string, fragment: string, replace: boolean): void {
    if (pending) {
      pending = { url, fragment, replace: pending.replace && replace };
      return;
    }
    pending = { url, fragment, replace };
    requestAnimationFrame(() => setTimeout(flush, 0));
  }

  const onNavigate = () => {
    // One navigation may arrive twice (popstate, then hashchange): only a new address counts.
    if (window.location.hash === lastFragment) return;
    // Back, forward or a followed link wins over a write not made yet.
    pending = null;
    lastFragment = window.location.hash;
    written = window.location.hash;
    open();
  };
  window.addEventListener('popstate', onNavigate);
  window.addEventListener('hashchange', onNavigate);
  open();

  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onNavigate);
    window.removeEventListener('hashchange', onNavigate);
  };
}

/** The canonical fragment for a state: empty for the empty view, so a fresh tab keeps a clean URL. */
function fragmentOf(s: AppState): string {
  const fragment = urlFromState(urlStateOf(s));
  return fragment === EMPTY_VIEW ? '' : fragment;
}

function searchOf(fragment: string): string {
  return fragment ? stateFromUrl(fragment).state.search : '';
}
