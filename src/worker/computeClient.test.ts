// The compute client's latest-wins queue, crash handling and in-page fallback, driven by a stand-in
// Worker (Node has none) that runs the real pipeline on real profiles.
import { describe, expect, it } from 'vitest';
import type { FunctionRow } from '../calltree/functions.ts';
import type { Profile } from '../profile/model.ts';
import { createComputeClient } from './computeClient.ts';
import type { ComputeMessage, ComputeReply } from './computeProtocol.ts';
import type { ForwardedProfile } from './profileSinks.ts';
import { computeViewFirst, type ViewRequest } from './pipeline.ts';
import { runTask } from './tasks.ts';
import { loadProfile, readExact } from '../testing/sharedProfiles.ts';

const load = (rel: string): Profile => loadProfile(rel);
const profiles = new Map<string, Profile>([
  ['b', load('map-cache/heap_1.pb.gz')],
  ['t', load('map-cache/heap_3.pb.gz')],
]);
const reference = readExact('map-cache', 'diff_inuse_space_1_3.json');

function request(sampleType: string): ViewRequest {
  return { baseId: 'b', targetId: 't', sampleType, normalize: false, focus: '', ignore: '', hide: '', collapseRecursion: false };
}

class FakeComputeWorker {
  onmessage: ((e: MessageEvent<ComputeReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  private readonly held = new Map<string, Profile>();
  computes = 0;
  viewFirst = false;
  constructor(private readonly crashOn: (n: number) => boolean = () => false) {}
  registered: string[] = [];
  postMessage(message: ComputeMessage): void {
    if (message.type === 'register') {
      this.held.set(message.id, message.profile);
      this.registered.push(message.id);
    }
    if (message.type === 'expect') {
      const port = message.port;
      port.onmessage = (e: MessageEvent<ForwardedProfile>) => {
        if ('profile' in e.data) this.held.set(message.id, e.data.profile);
        port.close();
      };
    }
    if (message.type !== 'task') return;
    const n = ++this.computes;
    setTimeout(() => {
      if (this.crashOn(n)) {
        this.onerror?.({ message: 'Out of memory', preventDefault() {} } as ErrorEvent);
        return;
      }
      const ctx = { profile: (id: string) => this.held.get(id) };
      if (this.viewFirst && message.name === 'view') {
        // As the real worker does: the view without its rows, then the rows in a message of their own.
        const args = message.args as ViewRequest;
        const first = computeViewFirst(args, this.held.get(args.baseId!) ?? null, this.held.get(args.targetId)!);
        this.onmessage?.({ data: { type: 'outcome', requestId: message.requestId, outcome: { ok: true, value: first.outcome } } } as MessageEvent<ComputeReply>);
        setTimeout(() => {
          this.onmessage?.({ data: { type: 'functions', requestId: message.requestId, functions: first.functions!() } } as MessageEvent<ComputeReply>);
        }, 5);
        return;
      }
      const outcome = runTask(message.name, ctx, message.args);
      this.onmessage?.({ data: { type: 'outcome', requestId: message.requestId, outcome } } as MessageEvent<ComputeReply>);
    }, 5);
  }
  terminate(): void {}
}

describe('compute client', () => {
  it('takes a profile straight from the decoder on the port it gives, and never copies that one itself', async () => {
    const worker = new FakeComputeWorker();
    const client = createComputeClient(() => worker as unknown as Worker);
    const port = client.expect('t');
    expect(port).not.toBeNull();
    // What the decode worker does with the port once the profile is decoded.
    port!.postMessage({ profile: profiles.get('t')!, labels: null } satisfies ForwardedProfile);
    port!.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.register(profiles);
    const outcome = await client.compute(request('inuse_space'), profiles);
    expect(worker.registered).toEqual(['b']);
    const render = outcome!.ok ? outcome!.result.functions!.find((f) => f.name === 'main.render')! : null;
    expect(render!.flatNew - render!.flatBase).toBe(reference.functions['main.render'].flat);
    expect(client.expect('t')).toBeNull();
  });

  it('hands over a view before its function table, and the rows to the listener just after', async () => {
    const worker = new FakeComputeWorker();
    worker.viewFirst = true;
    const client = createComputeClient(() => worker as unknown as Worker);
    let rows: readonly FunctionRow[] | null = null;
    const outcome = await client.compute(request('inuse_space'), profiles, (functions) => (rows = functions));
    expect(outcome?.ok && outcome.result.functions).toBeNull();
    expect(outcome?.ok && outcome.result.flameTree.size).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const render = rows!.find((f) => f.name === 'main.render')!;
    expect(render.flatNew - render.flatBase).toBe(reference.functions['main.render'].flat);
  });

  it('computes the diff in the worker, with the numbers go tool pprof gives', async () => {
    const client = createComputeClient(() => new FakeComputeWorker() as unknown as Worker);
    const outcome = await client.compute(request('inuse_space'), profiles);
    expect(outcome?.ok).toBe(true);
    const render = outcome!.ok ? outcome!.result.functions!.find((f) => f.name === 'main.render')! : null;
    expect(render!.flatNew - render!.flatBase).toBe(reference.functions['main.render'].flat);
  });

  it('frees the flame tree of a released view that came from the worker, and leaves one computed in the page alone', async () => {
    const client = createComputeClient(() => new FakeComputeWorker() as unknown as Worker);
    const outcome = await client.compute(request('inuse_space'), profiles);
    if (!outcome?.ok) throw new Error('no view from the worker');
    const tree = outcome.result.flameTree;
    expect(tree.totalNew.length).toBeGreaterThan(1);
    client.release(outcome.result);
    // Every array of the tree now reads as empty: its memory went back whoever still refers to it.
    for (const a of [tree.parent, tree.childIds, tree.frameId, tree.selfNew, tree.totalBase, tree.totalNew, tree.diffWidth]) expect(a.length).toBe(0);

    const inPage = createComputeClient(() => {
      throw new Error('Worker is not defined');
    });
    const local = await inPage.compute(request('inuse_space'), profiles);
    if (!local?.ok) throw new Error('no view from the page');
    inPage.release(local.result);
    expect(local.result.flameTree.totalNew.length).toBeGreaterThan(1);
  });

  it('drops a queued request that a newer one replaced before it ran', async () => {
    const client = createComputeClient(() => new FakeComputeWorker() as unknown as Worker);
    const first = client.compute(request('inuse_space'), profiles);
    const replaced = client.compute(request('alloc_space'), profiles);
    const latest = client.compute(request('inuse_objects'), profiles);
    expect((await first)?.ok).toBe(true);
    expect(await replaced).toBeNull();
    const last = await latest;
    expect(last?.ok && last.result.values.sampleType.type).toBe('inuse_objects');
  });

  it('a worker that dies mid-computation gives an error outcome, and the next request works', async () => {
    const client = createComputeClient(() => new FakeComputeWorker((n) => n === 2) as unknown as Worker);
    expect((await client.compute(request('inuse_space'), profiles))?.ok).toBe(true);
    const crashed = await client.compute(request('alloc_space'), profiles);
    expect(crashed?.ok).toBe(false);
    expect(crashed && !crashed.ok && crashed.message).toMatch(/stopped \(Out of memory\)/);
    expect((await client.compute(request('alloc_space'), profiles))?.ok).toBe(true);
  });

  it('computes in the page when no worker can be started', async () => {
    const client = createComputeClient(() => {
      throw new Error('Worker is not defined');
    });
    const outcome = await client.compute(request('inuse_space'), profiles);
    expect(outcome?.ok).toBe(true);
  });
  it('abandons a superseded task that never returns (a runaway filter regex) by restarting the worker', async () => {
    // A stand-in for a worker stuck in catastrophic regex backtracking: the first one never answers.
    const created: FakeComputeWorker[] = [];
    const client = createComputeClient(() => {
      const w = new FakeComputeWorker();
      if (created.length === 0) w.postMessage = () => {};
      created.push(w);
      return w as unknown as Worker;
    });
    const stuck = client.compute({ ...request('inuse_space'), focus: '^(.*)*Z$' }, profiles);
    await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    const next = await client.compute(request('inuse_space'), profiles);
    expect(await stuck).toBeNull();
    expect(next?.ok).toBe(true);
    expect(created).toHaveLength(2);
    // Not sooner than the grace period: short tasks are left to finish rather than paying a restart.
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    client.dispose();
  });
});
