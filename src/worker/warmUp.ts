// Runs a worker's warm-up steps while it has nothing else to do, one step per task, so that a real
// request waits for at most one step; the first real request stops the rest. The steps run the worker's
// own code on a made-up profile (warmUpProfile.ts), so that code is compiled before it matters.

export interface WarmUp {
  /** Called on the first real message: the steps not run yet are dropped. */
  stop(): void;
}

export function startWarmUp(steps: readonly (() => void)[]): WarmUp {
  let next = 0;
  let stopped = false;
  const step = () => {
    if (stopped || next >= steps.length) return;
    try {
      steps[next++]();
    } catch {
      // A warm-up that fails only means a cold start: never an error the user sees.
      stopped = true;
      return;
    }
    setTimeout(step, 0);
  };
  setTimeout(step, 0);
  return {
    stop() {
      stopped = true;
    },
  };
}
