import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { encodeEmbedded } from './embed.ts';
import { openLocalProfileStore } from './localStore.ts';
import { checkDroppedFile, resolveProfiles, storeBaseUrls, type FetchOutcome } from './resolveProfiles.ts';
import { sha256HexSync } from './sha256.ts';
import { readProfileBytes } from '../testing/sharedProfiles.ts';

const read = (f: string) => readProfileBytes(f);
const heap1 = read('context-leak/heap_1.pb.gz');
const heap3 = read('context-leak/heap_3.pb.gz');
const ref1 = { hash: sha256HexSync(heap1), name: 'heap_1.pb.gz', size: heap1.length };
const ref3 = { hash: sha256HexSync(heap3), name: 'heap_3.pb.gz', size: heap3.length };
const noSources = { local: null, embedded: new Map(), storeBases: [], fetchBytes: async (): Promise<FetchOutcome> => ({ kind: 'absent' }) };

function fakeHost(files: Record<string, Uint8Array>, contentEncoding: string | null = null) {
  const requested: string[] = [];
  return {
    requested,
    fetchBytes: async (url: string): Promise<FetchOutcome> => {
      requested.push(url);
      const bytes = files[url];
      return bytes ? { kind: 'found', bytes, contentEncoding } : { kind: 'absent' };
    },
  };
}

describe('resolveProfiles', () => {
  it('takes the local store first, without fetching', async () => {
    const local = openLocalProfileStore(new IDBFactory());
    await local.put({ ...ref1, loadedAt: 1 }, heap1);
    const host = fakeHost({});
    const [r] = await resolveProfiles([ref1], { ...noSources, local, storeBases: ['http://h/profiles/'], fetchBytes: host.fetchBytes });
    expect(r).toMatchObject({ status: 'resolved', from: 'local' });
    expect(host.requested).toEqual([]);
  });

  it('decodes embedded data and checks it against the hash', async () => {
    const embedded = new Map([
      [ref1.hash, encodeEmbedded(heap1)],
      [ref3.hash, encodeEmbedded(heap1)], // the wrong file's bytes under heap_3's hash
    ]);
    const [r1, r3] = await resolveProfiles([ref1, ref3], { ...noSources, embedded });
    expect(r1.status === 'resolved' && r1.from === 'embedded' && Buffer.from(r1.bytes).equals(Buffer.from(heap1))).toBe(true);
    expect(r3).toMatchObject({ status: 'missing' });
    expect(r3.status === 'missing' && r3.problems[0]).toMatch(/does not match its hash .* refused/);
  });

  it('fetches <hash> then <hash>.pb.gz from the store, verified', async () => {
    const host = fakeHost({ [`http://h/profiles/${ref3.hash}.pb.gz`]: heap3 });
    const [r] = await resolveProfiles([ref3], { ...noSources, storeBases: ['http://h/profiles/'], fetchBytes: host.fetchBytes });
    expect(r).toMatchObject({ status: 'resolved', from: 'store' });
    expect(host.requested).toEqual([`http://h/profiles/${ref3.hash}`, `http://h/profiles/${ref3.hash}.pb.gz`]);
  });

  it('refuses a tampered store file with an integrity error and shows nothing from it', async () => {
    const tampered = heap3.slice();
    tampered[tampered.length - 1] ^= 1;
    const host = fakeHost({ [`http://h/profiles/${ref3.hash}`]: tampered });
    const [r] = await resolveProfiles([ref3], { ...noSources, storeBases: ['http://h/profiles/'], fetchBytes: host.fetchBytes });
    expect(r.status).toBe('missing');
    expect(r.status === 'missing' && r.problems).toEqual([
      expect.stringMatching(/^Integrity error: heap_3\.pb\.gz \([0-9a-f]{12}\): http:\/\/h\/profiles\/[0-9a-f]{64} does not match its hash/),
    ]);
  });

  it('explains a store whose server decoded the gzip on the way', async () => {
    const host = fakeHost({ [`http://h/profiles/${ref3.hash}.pb.gz`]: new Uint8Array([1, 2, 3]) }, 'gzip');
    const [r] = await resolveProfiles([ref3], { ...noSources, storeBases: ['http://h/profiles/'], fetchBytes: host.fetchBytes });
    expect(r.status === 'missing' && r.problems[0]).toMatch(/Content-Encoding: gzip/);
  });

  it('calls a tampered file tampered even when the server compressed it on the way', async () => {
    const tampered = heap3.slice();
    tampered[10] ^= 1;
    const host = fakeHost({ [`http://h/profiles/${ref3.hash}`]: tampered }, 'gzip');
    const [r] = await resolveProfiles([ref3], { ...noSources, storeBases: ['http://h/profiles/'], fetchBytes: host.fetchBytes });
    expect(r.status === 'missing' && r.problems[0]).toMatch(/does not match its hash/);
  });

  it('reports a profile found nowhere as missing, without problems', async () => {
    expect(await resolveProfiles([ref1], noSources)).toEqual([{ status: 'missing', ref: ref1, problems: [] }]);
  });
});

describe('storeBaseUrls', () => {
  it('uses profiles/ beside the app, under any sub-path', () => {
    expect(storeBaseUrls(null, 'https://example.test/tools/leakscope/index.html#/?v=1')).toEqual({
      bases: ['https://example.test/tools/leakscope/profiles/'],
      notices: [],
    });
  });

  it('adds a same-origin store= first and refuses another origin', () => {
    expect(storeBaseUrls('../shared-store', 'https://example.test/app/').bases).toEqual([
      'https://example.test/shared-store/',
      'https://example.test/app/profiles/',
    ]);
    const foreign = storeBaseUrls('https://evil.test/x/', 'https://example.test/app/');
    expect(foreign.bases).toEqual(['https://example.test/app/profiles/']);
    expect(foreign.notices[0]).toMatch(/not on this site; it was not contacted/);
    expect(storeBaseUrls('//evil.test/', 'https://example.test/app/').bases).toHaveLength(1);
  });

  it('fetches nothing from a page opened as a file', () => {
    expect(storeBaseUrls('./store/', 'file:///home/me/leakscope.html').bases).toEqual([]);
  });
});

describe('checkDroppedFile', () => {
  it('accepts the file the link needs and refuses any other', async () => {
    expect(await checkDroppedFile('mine.pb.gz', heap3, [ref1, ref3])).toMatchObject({ ok: true, ref: ref3 });
    const wrong = await checkDroppedFile('other.pb.gz', read('map-cache/heap_1.pb.gz'), [ref1, ref3]);
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining('other.pb.gz is not one of the files this link needs') });
  });
});
