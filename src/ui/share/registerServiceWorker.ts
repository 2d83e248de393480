// Registers the build's service worker (sw.js beside index.html) so the app opens offline after one
// visit. Not from file:// or the single-file build (no worker file there), nor in development.

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || import.meta.env.MODE === 'singlefile') return;
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  if (window.location.protocol !== 'http:' && window.location.protocol !== 'https:') return;
  // Relative: scope is the folder the app is served from, whatever the sub-path.
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // Offline use is a bonus: the app works without it.
  });
}
