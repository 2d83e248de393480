// Stacks copied from Go 1.19 goroutine profiles. The shared fixtures hold chan and select waits only
// (covered on the real files in groups.test.ts); sleep, IO wait and sync waits are written out here.
import { describe, expect, it } from 'vitest';
import { creatorFromEntry, entryFunction } from './creator.ts';
import { inferWaitState } from './waitState.ts';

describe('inferWaitState (leaf first)', () => {
  it.each([
    [['runtime.gopark', 'runtime.chanrecv', 'runtime.chanrecv1', 'main.subscribe.func1'], 'chan receive'],
    [['runtime.gopark', 'runtime.chanrecv', 'runtime.chanrecv2', 'main.startHeartbeat.func1'], 'chan receive'],
    [['runtime.gopark', 'runtime.chansend', 'runtime.chansend1', 'main.query.func1'], 'chan send'],
    [['runtime.gopark', 'runtime.selectgo', 'main.watch.func1'], 'select'],
    [['runtime.gopark', 'runtime.goparkunlock', 'runtime.semacquire1', 'sync.runtime_Semacquire', 'sync.(*WaitGroup).Wait', 'main.runPool.func1'], 'semacquire'],
    [['runtime.gopark', 'runtime.netpollblock', 'internal/poll.runtime_pollWait', 'internal/poll.(*pollDesc).wait', 'net.(*conn).Read'], 'IO wait'],
    [['runtime.gopark', 'time.Sleep', 'main.poll'], 'sleep'],
    [['runtime.gopark', 'runtime.goparkunlock', 'sync.runtime_notifyListWait', 'sync.(*Cond).Wait', 'main.consume'], 'sync.Cond.Wait'],
    [['runtime.goroutineProfileWithLabels', 'runtime/pprof.runtime_goroutineProfileWithLabels', 'main.main', 'runtime.main'], 'running'],
    // debug=1 text without the runtime frames: a library wait still shows…
    [['time.Sleep', 'main.poll'], 'sleep'],
    [['sync.runtime_Semacquire', 'sync.(*WaitGroup).Wait', 'main.runPool.func1'], 'semacquire'],
  ])('%j -> %s', (stack, state) => {
    expect(inferWaitState(stack)).toBe(state);
  });

  it('…but a channel wait does not, and says so with null', () => {
    expect(inferWaitState(['main.subscribe.func1'])).toBeNull();
  });
});

describe('entryFunction and creatorFromEntry', () => {
  it('skips runtime frames at the root and names the enclosing function of a closure', () => {
    expect(entryFunction(['runtime.main', 'main.main', 'main.serve'])).toBe('main.main');
    expect(entryFunction(['main.query.func1', 'runtime.chansend1', 'runtime.gopark'])).toBe('main.query.func1');
    expect(entryFunction(['runtime.gcBgMarkWorker', 'runtime.gopark'])).toBe('runtime.gcBgMarkWorker');
    expect(creatorFromEntry('main.query.func1')).toBe('main.query');
    expect(creatorFromEntry('net/http.(*Server).Serve.func3.1')).toBe('net/http.(*Server).Serve');
    expect(creatorFromEntry('main.worker.gowrap1')).toBe('main.worker');
    expect(creatorFromEntry('main.glob..func1')).toBeNull();
    expect(creatorFromEntry('main.worker')).toBeNull();
  });
});
