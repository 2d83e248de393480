import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runIdleRounds } from './idleRounds.ts';

// Timing only: no profile is involved, so counters stand in for the workers' warm-up rounds.
describe('runIdleRounds', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs one round per task, then says it is done', () => {
    let rounds = 0;
    const done = vi.fn();
    runIdleRounds(3, () => rounds++, done);
    expect(rounds).toBe(0);
    vi.advanceTimersToNextTimer();
    expect(rounds).toBe(1);
    vi.runAllTimers();
    expect(rounds).toBe(3);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('stops between rounds when real work arrives, and says so once', () => {
    let rounds = 0;
    const done = vi.fn();
    const stop = runIdleRounds(5, () => rounds++, done);
    vi.advanceTimersToNextTimer();
    stop();
    stop();
    vi.runAllTimers();
    expect(rounds).toBe(1);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('ends quietly when a round throws', () => {
    const done = vi.fn();
    let rounds = 0;
    runIdleRounds(
      4,
      () => {
        rounds++;
        throw new Error('broken warm-up');
      },
      done,
    );
    vi.runAllTimers();
    expect(rounds).toBe(1);
    expect(done).toHaveBeenCalledTimes(1);
  });
});
