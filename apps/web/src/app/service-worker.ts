// Registers the service worker (public/sw.js) that lets the installed app open offline (app shell, ID card) and
// receive web push. Only in production builds: the Vite dev server serves modules the worker must not cache.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // The app works without it; only offline use and push are lost.
    });
  });
}

/** Asks the worker to keep what this page has loaded (resources fetched before it took control). */
export function keepLoadedResourcesOffline(): void {
  if (!('serviceWorker' in navigator)) return;
  const urls = performance.getEntriesByType('resource').map((entry) => entry.name);
  void navigator.serviceWorker.ready.then((registration) =>
    registration.active?.postMessage({ type: 'cache-urls', urls }),
  );
}
