// Made-up work a worker does while it waits for real work (warming up its code): one round per task, so a
// real message waits for one round at most. A round that throws ends it quietly: it only costs a cold start.

/** Runs `round` up to `rounds` times, one task each, then `done`; the returned stop() ends it early (once). */
export function runIdleRounds(rounds: number, round: () => void, done: () => void): () => void {
  let left = rounds;
  let finished = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    done();
  };
  const next = (): void => {
    if (finished) return;
    if (left-- <= 0) return stop();
    try {
      round();
    } catch {
      return stop();
    }
    timer = setTimeout(next, 0);
  };
  timer = setTimeout(next, 0);
  return stop;
}
