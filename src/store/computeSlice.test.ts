// The compute driver: which view it asks for and what it shows meanwhile, on real profiles, with the
// view computed in-process (a client that calls the pipeline directly: Node has no Web Workers).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeProfile } from '../profile/decodeProfile.ts';
import type { ComputeClient } from '../worker/computeClient.ts';
import { computeView, computeViewFirst, type ViewRequest, type ViewResult } from '../worker/pipeline.ts';
import { startComputeDriver } from './computeSlice.ts';
import { useAppStore } from './index.ts';
import type { ProfileEntry } from './profilesSlice.ts';
import { readProfileBytes } from '../testing/sharedProfiles.ts';

function ready(id: string, rel: string, order: number): ProfileEntry {
  const bytes = readProfileBytes(rel);
  const profile = decodeProfile(bytes, path.basename(rel));
  return { id, fileName: profile.fileName, byteSize: bytes.length, order, status: 'ready', profile, decodeMs: 1 };
}

function inProcessClient(requests: ViewRequest[]): ComputeClient {
  return {
    run: () => Promise.reject(new Error('not used')),
    async compute(request, profiles) {
      requests.push(request);
      await new Promise((r) => setTimeout(r, 1));
      return computeView(request, request.baseId ? (profiles.get(request.baseId) ?? null) : null, profiles.get(request.targetId)!);
    },
    register() {},
    expect: () => null,
    prepare() {},
    forget() {},
    release() {},
    dispose() {},
  };
}

async function settled(): Promise<void> {
  for (let i = 0; i < 50 && useAppStore.getState().computed.status === 'computing'; i++) await new Promise((r) => setTimeout(r, 5));
}

/** A client that answers as the worker does: the view first, its function table a moment later. */
function viewFirstClient(fail = false): ComputeClient {
  return {
    ...inProcessClient([]),
    async compute(request, profiles, onFunctions) {
      const first = computeViewFirst(request, request.baseId ? (profiles.get(request.baseId) ?? null) : null, profiles.get(request.targetId)!);
      setTimeout(() => (fail ? onFunctions?.(null, 'the computation stopped (test)') : onFunctions?.(first.functions!())), 10);
      return first.outcome;
    },
  };
}

describe('compute driver', () => {
  it('shows the view at once and fills in its function table when the rows come', async () => {
    useAppStore.setState({ entries: [ready('h1', 'map-cache/heap_1.pb.gz', 1), ready('h3', 'map-cache/heap_3.pb.gz', 2)], baseId: 'h1', targetId: 'h3' });
    useAppStore.getState().setPipeline({ sampleType: null, focus: '' });
    const stop = startComputeDriver(useAppStore, viewFirstClient());
    await settled();
    const shown = useAppStore.getState().computed;
    expect(shown.status === 'ready' && shown.result.functions).toBeNull();
    await new Promise((r) => setTimeout(r, 30));
    const filled = useAppStore.getState().computed;
    expect(filled.status === 'ready' && filled.result.flameTree).toBe(shown.status === 'ready' && shown.result.flameTree);
    expect(filled.status === 'ready' && filled.result.functions?.some((f) => f.name === 'main.render')).toBe(true);
    stop();
  });

  it('says why when the function table could not be computed', async () => {
    useAppStore.setState({ entries: [ready('h1', 'map-cache/heap_1.pb.gz', 1), ready('h3', 'map-cache/heap_3.pb.gz', 2)], baseId: 'h1', targetId: 'h3' });
    const stop = startComputeDriver(useAppStore, viewFirstClient(true));
    await settled();
    await new Promise((r) => setTimeout(r, 30));
    const c = useAppStore.getState().computed;
    expect(c.status === 'ready' && c.result.functions).toEqual([]);
    expect(c.status === 'ready' && c.result.functionsError).toBe('the computation stopped (test)');
    stop();
  });

  it('releases a view once another replaced it on screen, and never the one on screen', async () => {
    const released: ViewResult[] = [];
    const client: ComputeClient = { ...inProcessClient([]), release: (r) => released.push(r) };
    useAppStore.setState({ entries: [ready('h1', 'map-cache/heap_1.pb.gz', 1), ready('h3', 'map-cache/heap_3.pb.gz', 2)], baseId: 'h1', targetId: 'h3' });
    useAppStore.getState().setPipeline({ sampleType: null, focus: '' });
    const stop = startComputeDriver(useAppStore, client);
    await settled();
    await new Promise((r) => setTimeout(r, 0));
    // (What an earlier test left on screen has just been released.)
    released.length = 0;
    const first = useAppStore.getState().computed;
    useAppStore.getState().setPipeline({ sampleType: 'alloc_space' });
    // While the next view is computed the first stays on screen, so it is kept.
    expect(useAppStore.getState().computed.status).toBe('computing');
    await Promise.resolve();
    expect(released).toEqual([]);
    await settled();
    await new Promise((r) => setTimeout(r, 0));
    const second = useAppStore.getState().computed;
    expect(second.status === 'ready' && second.result.values.sampleType.type).toBe('alloc_space');
    expect(released).toEqual([first.status === 'ready' ? first.result : null]);
    stop();
    useAppStore.getState().setPipeline({ sampleType: null });
  });

  it('computes the diff of the pair, and keeps it on screen while another file decodes', async () => {
    const requests: ViewRequest[] = [];
    const h1 = ready('h1', 'map-cache/heap_1.pb.gz', 1);
    const h3 = ready('h3', 'map-cache/heap_3.pb.gz', 2);
    useAppStore.setState({ entries: [h1, h3], baseId: 'h1', targetId: 'h3' });
    const stop = startComputeDriver(useAppStore, inProcessClient(requests));
    await settled();
    const computed = useAppStore.getState().computed;
    expect(computed.status).toBe('ready');
    expect(requests).toEqual([
      { baseId: 'h1', targetId: 'h3', sampleType: 'inuse_space', normalize: false, focus: '', ignore: '', hide: '', collapseRecursion: false },
    ]);

    // A third file starts decoding: nothing is recomputed and the diff stays.
    const loading: ProfileEntry = { id: 'x', fileName: 'x.pb.gz', byteSize: 10, order: 3, status: 'loading', progress: null };
    useAppStore.setState((s) => ({ entries: [...s.entries, loading] }));
    useAppStore.getState().setPipeline({ sampleType: 'alloc_space' });
    await settled();
    expect(requests).toHaveLength(1);
    expect(useAppStore.getState().computed).toBe(computed);

    // It fails: now the pending change (alloc_space) is computed.
    useAppStore.setState((s) => ({ entries: s.entries.map((e) => (e.id === 'x' ? { ...loading, status: 'error', error: 'x.pb.gz: bad', code: 'gzip' } : e)) }));
    await settled();
    expect(requests.map((r) => r.sampleType)).toEqual(['inuse_space', 'alloc_space']);
    stop();
  });

  it('a focus that is not a valid regexp, like a Go method name, is matched as plain text and re-roots the view there', async () => {
    const requests: ViewRequest[] = [];
    useAppStore.setState({ entries: [ready('h1', 'timer-leak/heap_1.pb.gz', 1), ready('h3', 'timer-leak/heap_3.pb.gz', 2)], baseId: 'h1', targetId: 'h3' });
    useAppStore.getState().setPipeline({ sampleType: null, focus: '' });
    const stop = startComputeDriver(useAppStore, inProcessClient(requests));
    await settled();
    expect(useAppStore.getState().computed.status).toBe('ready');
    // "(*Profile).WriteTo" is not a valid regular expression ("*" repeats nothing).
    useAppStore.getState().setPipeline({ focus: '(*Profile).WriteTo' });
    await settled();
    const after = useAppStore.getState().computed;
    expect(after.status).toBe('ready');
    const tree = after.status === 'ready' ? after.result.flameTree : null;
    // Node 0 is the flame tree's synthetic root: its children are the view's root frames.
    const roots = tree ? Array.from(tree.childIds.subarray(tree.childStart[0], tree.childStart[1])) : [];
    expect(roots.length).toBeGreaterThan(0);
    for (const node of roots) expect(tree!.frameName[tree!.frameId[node]]).toBe('runtime/pprof.(*Profile).WriteTo');
    stop();
  });
});
