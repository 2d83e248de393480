// The view as a URL fragment: one pure, versioned pair `urlFromState` / `stateFromUrl`.
// Links are untrusted input: parsing is strict, and everything it ignores comes back as a notice.
//
// Fragment grammar (version 1):  #<route>?v=1&p=<hash>~<size>~<name>&p=…&base=0&target=1&…
//   route: "/" for the diff view, "/patterns/<id>" for a pattern page.
// The fragment is never sent to a server; embedded profile data (`d=`) therefore stays between
// the person who shares the link and the person who opens it.
import { embedLimits } from './embed.ts';
import { isSha256Hex, type Sha256Hex } from './sha256.ts';

export const CURRENT_URL_VERSION = 1;

export type UrlWidthMode = 'diff' | 'new' | 'base';

export interface SharedProfileRef {
  readonly hash: Sha256Hex;
  /** The file name as loaded; untrusted when read from a link: display as text only. */
  readonly name: string;
  readonly size: number;
}

export type UrlRoute = { readonly kind: 'view' } | { readonly kind: 'pattern'; readonly id: string };

export interface UrlState {
  readonly route: UrlRoute;
  /** Every profile of the view, in load order. */
  readonly profiles: readonly SharedProfileRef[];
  /** Indices into `profiles`. */
  readonly base: number | null;
  readonly target: number | null;
  readonly sampleType: string | null;
  readonly normalize: boolean;
  readonly widthMode: UrlWidthMode;
  readonly focus: string;
  readonly ignore: string;
  readonly hide: string;
  readonly collapseRecursion: boolean;
  readonly search: string;
  /** Zoomed frame as a path of function names, root first; empty when not zoomed. */
  readonly zoom: readonly string[];
  /** The open side panel tab, e.g. "suspects". */
  readonly panel: string | null;
  /** Base URL of a profile store given by the link (same origin only; checked when used). */
  readonly store: string | null;
}

export const defaultUrlState: UrlState = {
  route: { kind: 'view' },
  profiles: [],
  base: null,
  target: null,
  sampleType: null,
  normalize: false,
  widthMode: 'diff',
  focus: '',
  ignore: '',
  hide: '',
  collapseRecursion: false,
  search: '',
  zoom: [],
  panel: null,
  store: null,
};

/** Profile bytes carried in the link, deflated + base64url, keyed by the hash they must match. */
export type EmbeddedProfiles = ReadonlyMap<Sha256Hex, string>;

export interface ParsedUrl {
  readonly state: UrlState;
  readonly embedded: EmbeddedProfiles;
  /** What was ignored or refused, in words a user can act on. */
  readonly notices: readonly string[];
}

export const urlLimits = {
  maxFragmentChars: 32 * 1024 * 1024,
  maxProfiles: 64,
  maxTextChars: 2000,
  maxZoomDepth: 1024,
  maxNameChars: 1024,
} as const;

const WIDTH_MODES: readonly UrlWidthMode[] = ['diff', 'new', 'base'];
const PATTERN_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const PANEL_ID = /^[a-z][a-z0-9-]{0,39}$/;
const SAMPLE_TYPE = /^[A-Za-z0-9_.\-/]{1,64}$/;
const INDEX = /^(0|[1-9][0-9]{0,2})$/;
const SIZE = /^(0|[1-9][0-9]{0,14})$/;

// ---------------------------------------------------------------------------------------------------
// State -> URL

export interface UrlOptions {
  /** Embed these profiles' data (already encoded with encodeEmbedded). */
  readonly embedded?: EmbeddedProfiles;
}

/** The fragment (starting with "#") for a state. Defaults are left out so links stay short. */
export function urlFromState(state: UrlState, options: UrlOptions = {}): string {
  const q = new URLSearchParams();
  q.set('v', String(CURRENT_URL_VERSION));
  for (const p of state.profiles) q.append('p', `${p.hash}~${p.size}~${p.name}`);
  if (state.base !== null) q.set('base', String(state.base));
  if (state.target !== null) q.set('target', String(state.target));
  if (state.sampleType !== null) q.set('st', state.sampleType);
  if (state.normalize) q.set('norm', '1');
  if (state.widthMode !== 'diff') q.set('width', state.widthMode);
  if (state.focus) q.set('focus', state.focus);
  if (state.ignore) q.set('ignore', state.ignore);
  if (state.hide) q.set('hide', state.hide);
  if (state.collapseRecursion) q.set('rec', '1');
  if (state.search) q.set('q', state.search);
  for (const name of state.zoom) q.append('z', name);
  if (state.panel !== null) q.set('panel', state.panel);
  if (state.store !== null) q.set('store', state.store);
  state.profiles.forEach((p, i) => {
    const data = options.embedded?.get(p.hash);
    if (data !== undefined) q.append('d', `${i}~${data}`);
  });
  const route = state.route.kind === 'pattern' ? `/patterns/${state.route.id}` : '/';
  // encodeURIComponent rather than URLSearchParams.toString(): it leaves "~" alone and writes spaces
  // as %20, so links stay short and readable; URLSearchParams parses both forms.
  const query = [...q].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `#${route}?${query}`;
}

// ---------------------------------------------------------------------------------------------------
// URL -> State

type Query = URLSearchParams;

/**
 * Step-by-step upgraders: `upgraders[n]` turns a version-n query into version n+1, in place.
 * Version 0 is the bare pattern route the pattern pages used before views were shareable
 * (`#/patterns/timer-leak`, no parameters): nothing to move, only the version to stamp.
 */
const upgraders: Readonly<Record<number, (q: Query) => void>> = {
  0: () => {},
};

/** Accepts a full URL, a fragment with or without "#", or an empty string (the empty view). */
export function stateFromUrl(url: string): ParsedUrl {
  const notices: string[] = [];
  const hashAt = url.indexOf('#');
  const fragment = hashAt >= 0 ? url.slice(hashAt + 1) : /^[a-z]+:/i.test(url) ? '' : url;
  if (fragment.length > urlLimits.maxFragmentChars) {
    return {
      state: defaultUrlState,
      embedded: new Map(),
      notices: [`The link is ${fragment.length} characters long, over the ${urlLimits.maxFragmentChars} limit; it was not read.`],
    };
  }

  const queryAt = fragment.indexOf('?');
  let routeText = queryAt >= 0 ? fragment.slice(0, queryAt) : fragment;
  let queryText = queryAt >= 0 ? fragment.slice(queryAt + 1) : '';
  // "#v=1&…" (no route) is read as the diff view.
  if (queryAt < 0 && routeText.includes('=')) {
    queryText = routeText;
    routeText = '/';
  }
  const q = new URLSearchParams(queryText);

  const route = parseRoute(routeText, notices);

  let version = 0;
  const versionText = q.get('v');
  if (versionText !== null) {
    if (/^[0-9]{1,4}$/.test(versionText)) version = Number(versionText);
    else notices.push(`The link's version "${clip(versionText)}" is not a number; read as version ${CURRENT_URL_VERSION}.`);
  }
  if (version > CURRENT_URL_VERSION) {
    notices.push(`The link was made by a newer Leakscope (version ${version}); parts of the view may be missing.`);
  } else {
    for (let v = version; v < CURRENT_URL_VERSION; v++) upgraders[v]?.(q);
  }
  q.delete('v');

  const { state, embedded } = parseQueryV1(q, notices);
  return { state: { ...state, route }, embedded, notices };
}

function parseRoute(routeText: string, notices: string[]): UrlRoute {
  if (routeText === '' || routeText === '/') return { kind: 'view' };
  const pattern = /^\/patterns\/([^/?]*)$/.exec(routeText);
  if (pattern) {
    const id = safeDecode(pattern[1]);
    if (id !== null && PATTERN_ID.test(id)) return { kind: 'pattern', id };
    notices.push(`"${clip(pattern[1])}" is not a pattern id; showing the diff view.`);
    return { kind: 'view' };
  }
  notices.push(`Unknown page "${clip(routeText)}" in the link; showing the diff view.`);
  return { kind: 'view' };
}

function parseQueryV1(q: Query, notices: string[]): { state: UrlState; embedded: Map<Sha256Hex, string> } {
  const profiles: SharedProfileRef[] = [];
  const embeddedByIndex = new Map<number, string>();
  const seen = new Set<string>();
  let state: { -readonly [K in keyof UrlState]: UrlState[K] } = { ...defaultUrlState };

  for (const [key, value] of q) {
    switch (key) {
      case 'p': {
        const ref = parseProfileRef(value);
        if (!ref) notices.push(`Ignored a malformed profile reference "${clip(value)}".`);
        else if (profiles.length >= urlLimits.maxProfiles) notices.push(`Ignored profiles beyond ${urlLimits.maxProfiles}.`);
        else profiles.push(ref);
        continue;
      }
      case 'z':
        if (state.zoom.length >= urlLimits.maxZoomDepth) notices.push('Ignored a zoom path deeper than the limit.');
        else if (value.length > urlLimits.maxNameChars) notices.push('Ignored an over-long frame name in the zoom path.');
        else state.zoom = [...state.zoom, value];
        continue;
      case 'd': {
        const sep = value.indexOf('~');
        const index = sep > 0 ? value.slice(0, sep) : '';
        const data = value.slice(sep + 1);
        if (!INDEX.test(index)) notices.push('Ignored embedded data without a valid profile index.');
        else if (data.length > embedLimits.maxEncodedChars)
          notices.push(`Refused embedded data of ${data.length} characters (limit ${embedLimits.maxEncodedChars}); it was not decoded.`);
        else if (!/^[A-Za-z0-9_-]*$/.test(data)) notices.push('Ignored embedded data that is not base64url.');
        else embeddedByIndex.set(Number(index), data);
        continue;
      }
    }
    if (seen.has(key)) {
      notices.push(`Ignored a repeated "${clip(key)}" parameter.`);
      continue;
    }
    seen.add(key);
    switch (key) {
      case 'base':
      case 'target':
        if (INDEX.test(value)) state = { ...state, [key]: Number(value) };
        else notices.push(`Ignored ${key}="${clip(value)}": not a profile index.`);
        break;
      case 'st':
        if (SAMPLE_TYPE.test(value)) state.sampleType = value;
        else notices.push(`Ignored sample type "${clip(value)}".`);
        break;
      case 'norm':
      case 'rec': {
        const flag = parseFlag(value);
        if (flag === null) notices.push(`Ignored ${key}="${clip(value)}": expected 0 or 1.`);
        else if (key === 'norm') state.normalize = flag;
        else state.collapseRecursion = flag;
        break;
      }
      case 'width':
        if ((WIDTH_MODES as readonly string[]).includes(value)) state.widthMode = value as UrlWidthMode;
        else notices.push(`Ignored width mode "${clip(value)}".`);
        break;
      case 'focus':
      case 'ignore':
      case 'hide':
      case 'q':
        if (value.length > urlLimits.maxTextChars) notices.push(`Ignored an over-long "${key}" parameter.`);
        else if (key === 'q') state.search = value;
        else state[key] = value;
        break;
      case 'panel':
        if (PANEL_ID.test(value)) state.panel = value;
        else notices.push(`Ignored panel "${clip(value)}".`);
        break;
      case 'store':
        if (value.length <= urlLimits.maxTextChars) state.store = value;
        else notices.push('Ignored an over-long store address.');
        break;
      default:
        notices.push(`Ignored unknown parameter "${clip(key)}".`);
    }
  }

  for (const key of ['base', 'target'] as const) {
    const i = state[key];
    if (i !== null && i >= profiles.length) {
      notices.push(`Ignored ${key}=${i}: the link names ${profiles.length} profile(s).`);
      state[key] = null;
    }
  }
  const embedded = new Map<Sha256Hex, string>();
  for (const [i, data] of embeddedByIndex) {
    const ref = profiles[i];
    if (ref) embedded.set(ref.hash, data);
    else notices.push(`Ignored embedded data for profile ${i}: the link names ${profiles.length} profile(s).`);
  }
  state.profiles = profiles;
  return { state, embedded };
}

function parseProfileRef(value: string): SharedProfileRef | null {
  const first = value.indexOf('~');
  const second = first < 0 ? -1 : value.indexOf('~', first + 1);
  if (second < 0) return null;
  const hash = value.slice(0, first);
  const size = value.slice(first + 1, second);
  const name = value.slice(second + 1);
  if (!isSha256Hex(hash) || !SIZE.test(size) || name.length > urlLimits.maxNameChars) return null;
  return { hash, size: Number(size), name };
}

function parseFlag(value: string): boolean | null {
  return value === '1' ? true : value === '0' ? false : null;
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** Untrusted text quoted in a notice: short, and without control characters. */
function clip(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
