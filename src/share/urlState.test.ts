import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeEmbedded } from './embed.ts';
import { sha256HexSync } from './sha256.ts';
import { CURRENT_URL_VERSION, defaultUrlState, stateFromUrl, urlFromState, type UrlState } from './urlState.ts';
import { readProfileBytes } from '../testing/sharedProfiles.ts';

const read = (f: string) => readProfileBytes(f);
const heap1 = read('timer-leak/heap_1.pb.gz');
const heap3 = read('timer-leak/heap_3.pb.gz');
const ref = (name: string, bytes: Uint8Array) => ({ hash: sha256HexSync(bytes), name, size: bytes.length });

const fullView: UrlState = {
  route: { kind: 'view' },
  profiles: [ref('heap_1.pb.gz', heap1), ref('heap 3 (copy)~&#?.pb.gz', heap3)],
  base: 0,
  target: 1,
  sampleType: 'inuse_space',
  normalize: true,
  widthMode: 'new',
  focus: 'main\\.pollLoop',
  ignore: 'runtime\\..*',
  hide: 'fmt',
  collapseRecursion: true,
  search: '(*Server).handle',
  zoom: ['runtime.main', 'main.main', 'main.pollLoop'],
  panel: 'suspects',
  store: './team-store/',
};

describe('urlFromState / stateFromUrl', () => {
  it('round-trips a full view, with awkward names, without notices', () => {
    const url = urlFromState(fullView);
    expect(url.startsWith(`#/?v=${CURRENT_URL_VERSION}&p=`)).toBe(true);
    expect(stateFromUrl(`https://example.test/app/${url}`)).toEqual({ state: fullView, embedded: new Map(), notices: [] });
  });

  it('round-trips a pattern page', () => {
    const state: UrlState = { ...fullView, route: { kind: 'pattern', id: 'timer-leak' } };
    const url = urlFromState(state);
    expect(url.startsWith('#/patterns/timer-leak?v=1')).toBe(true);
    expect(stateFromUrl(url).state).toEqual(state);
  });

  it('leaves defaults out, so an empty view is a short link', () => {
    expect(urlFromState(defaultUrlState)).toBe('#/?v=1');
    expect(stateFromUrl('')).toEqual({ state: defaultUrlState, embedded: new Map(), notices: [] });
    expect(stateFromUrl('#')).toEqual({ state: defaultUrlState, embedded: new Map(), notices: [] });
  });

  it('carries embedded data keyed by the hash it must match', () => {
    const embedded = new Map([[fullView.profiles[1].hash, encodeEmbedded(heap3)]]);
    const parsed = stateFromUrl(urlFromState(fullView, { embedded }));
    expect(parsed.notices).toEqual([]);
    expect(parsed.embedded).toEqual(embedded);
  });

  it('upgrades the bare pattern route of version 0', () => {
    expect(stateFromUrl('#/patterns/context-leak')).toEqual({
      state: { ...defaultUrlState, route: { kind: 'pattern', id: 'context-leak' } },
      embedded: new Map(),
      notices: [],
    });
  });

  it('ignores unknown and malformed parameters, one notice each, and keeps the rest', () => {
    const good = urlFromState({ ...defaultUrlState, profiles: fullView.profiles, target: 1, search: 'leak' });
    const parsed = stateFromUrl(
      `${good}&colour=red&width=sideways&norm=yes&base=7&p=nothex~1~x&panel=<script>&st=a%20b&q=again`,
    );
    expect(parsed.state).toEqual({ ...defaultUrlState, profiles: fullView.profiles, target: 1, search: 'leak' });
    expect(parsed.notices).toEqual([
      'Ignored unknown parameter "colour".',
      'Ignored width mode "sideways".',
      'Ignored norm="yes": expected 0 or 1.',
      'Ignored a malformed profile reference "nothex~1~x".',
      'Ignored panel "<script>".',
      'Ignored sample type "a b".',
      'Ignored a repeated "q" parameter.',
      'Ignored base=7: the link names 2 profile(s).',
    ]);
  });

  it('refuses oversized embedded data before decoding it', () => {
    const hash = fullView.profiles[0].hash;
    const parsed = stateFromUrl(`#/?v=1&p=${hash}~10~a&d=0~${'A'.repeat(8 * 1024 * 1024 + 1)}`);
    expect(parsed.embedded.size).toBe(0);
    expect(parsed.notices[0]).toMatch(/^Refused embedded data of 8388609 characters/);
  });

  it('shows the diff view with a notice for an unknown page or pattern id', () => {
    expect(stateFromUrl('#/admin?v=1').notices).toEqual(['Unknown page "/admin" in the link; showing the diff view.']);
    expect(stateFromUrl('#/patterns/..%2F..').state.route).toEqual({ kind: 'view' });
  });

  it('reads a link from a newer version as far as it can, and says so', () => {
    const parsed = stateFromUrl('#/?v=9&q=x');
    expect(parsed.state.search).toBe('x');
    expect(parsed.notices).toEqual(['The link was made by a newer Leakscope (version 9); parts of the view may be missing.']);
  });

  it('never throws on arbitrary text, and what it returns round-trips', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        const parsed = stateFromUrl(junk);
        expect(stateFromUrl(urlFromState(parsed.state)).state).toEqual(parsed.state);
      }),
      { seed: 6, numRuns: 2000 },
    );
  });
});
