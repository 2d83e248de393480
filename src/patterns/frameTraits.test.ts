import { describe, expect, it } from 'vitest';
import { frameTraits, isUserCode } from './frameTraits.ts';

describe('frameTraits reads Go function names', () => {
  it('splits package and function, including paths and methods', () => {
    expect(frameTraits('net/http.(*Transport).dialConn')).toMatchObject({ pkg: 'net/http', func: '(*Transport).dialConn', family: 'http-client', isStdlib: true });
    expect(frameTraits('github.com/acme/svc/cache.(*LRU).Add')).toMatchObject({ pkg: 'github.com/acme/svc/cache', func: '(*LRU).Add', isStdlib: false });
    expect(frameTraits('profilegen/internal/snap.Heap').isStdlib).toBe(false);
  });

  it('recognises closures and the function enclosing them', () => {
    expect(frameTraits('main.newObserver.func1')).toMatchObject({ isClosure: true, enclosing: 'main.newObserver' });
    expect(frameTraits('main.(*Server).instrument.func1.2')).toMatchObject({ isClosure: true, enclosing: 'main.(*Server).instrument' });
    expect(frameTraits('main.glob..func2')).toMatchObject({ isClosure: true, enclosing: null });
    expect(frameTraits('main.(*Conn).close-fm')).toMatchObject({ isClosure: true, enclosing: 'main.(*Conn).close' });
    expect(frameTraits('main.makeHandler').isClosure).toBe(false);
    expect(frameTraits('main.functional').isClosure).toBe(false);
  });

  it('marks entry frames that patterns never attach to', () => {
    for (const name of ['main.main', 'runtime.main', 'runtime.goexit', 'main.init.0', 'testing.tRunner']) expect(frameTraits(name).isEntry).toBe(true);
    expect(frameTraits('main.mainLoop').isEntry).toBe(false);
  });

  it('knows the library entry points rules key on', () => {
    expect(frameTraits('time.After').family).toBe('timer');
    expect(frameTraits('time.Sleep').family).toBe('wait');
    expect(frameTraits('context.propagateCancel').family).toBe('context');
    expect(frameTraits('sync.(*Pool).Get').family).toBe('pool-get');
    expect(frameTraits('sync.(*Map).LoadOrStore').family).toBe('sync-map');
    expect(frameTraits('internal/runtime/maps.newarray').family).toBe('map-internal');
    expect(frameTraits('io.ReadAll').family).toBe('read-all');
    expect(frameTraits('bytes.growSlice').family).toBe('buffer-grow');
    expect(frameTraits('runtime.malg').family).toBe('goroutine-stack');
    expect(frameTraits('main._Cfunc_CString').family).toBe('cgo');
  });

  it('names the wait a parked goroutine is in', () => {
    expect(frameTraits('runtime.chanrecv1').waitState).toBe('chan receive');
    expect(frameTraits('runtime.chansend').waitState).toBe('chan send');
    expect(frameTraits('runtime.selectgo').waitState).toBe('select');
    expect(frameTraits('sync.runtime_Semacquire').waitState).toBe('semacquire');
    expect(frameTraits('sync.(*WaitGroup).Wait').waitState).toBe('sync.WaitGroup.Wait');
    expect(frameTraits('internal/poll.runtime_pollWait').waitState).toBe('IO wait');
  });

  it('user code is neither stdlib nor cgo stubs', () => {
    expect(isUserCode(frameTraits('main.render'))).toBe(true);
    expect(isUserCode(frameTraits('bufio.NewReaderSize'))).toBe(false);
  });
});
