// The service worker's source text, generated at build time with the exact list of files to keep.
// After one visit the app shell and its assets come from the cache, so the app opens offline.
// Profiles are never cached by it: they live in IndexedDB, and store fetches must reach the server.

/**
 * `version` names the cache: a new build gets a new cache and the old one is deleted on activate.
 * `files` are paths relative to the worker's own URL (e.g. "index.html", "assets/index-3f2a.js").
 */
export function serviceWorkerSource(version: string, files: readonly string[]): string {
  return `// Leakscope offline cache (generated at build time).
'use strict';
const CACHE = ${JSON.stringify(`leakscope-${version}`)};
const FILES = ${JSON.stringify(['./', ...files])};
const SHELL = new URL('./index.html', self.location).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(new URL(f, self.location).href, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('leakscope-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Network first, so a new deployment shows at once; the cached shell when offline.
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CACHE).then((cache) =>
          cache.match(request, { ignoreSearch: true, ignoreVary: true }).then((hit) => hit || cache.match(SHELL, { ignoreVary: true })).then((hit) => hit || Response.error()),
        ),
      ),
    );
    return;
  }
  // Built assets have content hashes in their names: the cached copy is always right. ignoreVary:
  // servers send "Vary: Origin, Accept-Encoding", and module scripts are requested with an Origin.
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreVary: true }).then((hit) => hit || fetch(request))),
  );
});
`;
}
