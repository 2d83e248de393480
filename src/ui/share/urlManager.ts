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
    if (fragment === window.location.hash || (fragment === '' && FOREIGN_FRAGMENTS.has(window.location.hash))) return;
    const url = `${window.location.pathname}${window.location.search}${fragment}`;
    // While files are still decoding the view passes through in-between states (one profile, then
    // the pair): those replace the entry, so Back goes to the previous view, not to half of this one.
    const loading = s.entries.some((e) => e.status === 'loading');
    if (wasRestoring || replaceNext || onlySearchChanged || loading) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    wasRestoring = false;
    replaceNext = false;
    lastFragment = window.location.hash;
  });

  const onNavigate = () => {
    if (window.location.hash === lastFragment) return;
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
