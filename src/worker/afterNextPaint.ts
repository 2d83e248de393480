// Waits for the page to paint what it is preparing now: worker work that would compete with that drawing for
// one of two cores starts after it.

/**
 * Resolves once the page has painted the frame being prepared, or after half a second: a hidden tab paints
 * no frames, and its suspects must not wait for the user to come back.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') {
      resolve();
      return;
    }
    const timer = setTimeout(resolve, 500);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}
