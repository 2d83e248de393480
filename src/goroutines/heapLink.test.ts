import { describe, expect, it } from 'vitest';
import { loadProfile, readExact } from '../testing/sharedProfiles.ts';
import { linkHeapToGoroutines, pairByMoment } from './heapLink.ts';

const load = (file: string) => loadProfile('goroutine-leak', file);
const exact = (name: string) => readExact('goroutine-leak', name).functions;

describe('heap and goroutine profiles of the same moments (goroutine-leak)', () => {
  const heaps = ['heap_1.pb.gz', 'heap_2.pb.gz', 'heap_3.pb.gz'].map(load);

  it('pairs by time when both carry it, leaving heap_2 (no goroutine profile was taken then) alone', () => {
    const pairs = pairByMoment(heaps, ['goroutine_1.pb.gz', 'goroutine_3.pb.gz'].map(load));
    expect(pairs.map((p) => [p.heap.fileName, p.goroutine.fileName])).toEqual([
      ['heap_1.pb.gz', 'goroutine_1.pb.gz'],
      ['heap_3.pb.gz', 'goroutine_3.pb.gz'],
    ]);
  });

  it('pairs by snapshot number when the goroutine profile is text (no time)', () => {
    const pairs = pairByMoment(heaps, ['goroutine_1.pb.gz', 'goroutine_3.debug2.txt'].map(load));
    expect(pairs.map((p) => p.goroutine.fileName)).toEqual(['goroutine_1.pb.gz', 'goroutine_3.debug2.txt']);
    expect(pairs.map((p) => p.heap.fileName)).toEqual(['heap_1.pb.gz', 'heap_3.pb.gz']);
  });

  it('explains runtime.malg growth by the goroutines that grew, with go tool pprof numbers', () => {
    const link = linkHeapToGoroutines(pairByMoment(heaps, ['goroutine_1.pb.gz', 'goroutine_3.pb.gz'].map(load)))!;
    const single1 = exact('single_inuse_space_1.json');
    const single3 = exact('single_inuse_space_3.json');
    expect([link.malgBase, link.malgNew]).toEqual([single1['runtime.malg'].flat, single3['runtime.malg'].flat]);
    expect(link.goroutineDelta).toBe(6000);
    expect(link.summary).toMatch(/^runtime\.malg grew \+[\d.]+ MiB in the heap while goroutines grew \+6,000/);
    const subscribe = link.related.find((r) => r.function === 'main.subscribe')!;
    expect(subscribe.heapDelta).toBe(exact('diff_inuse_space_1_3.json')['main.subscribe'].flat);
    expect(subscribe.group.group.state).toBe('chan receive');
  });
});
