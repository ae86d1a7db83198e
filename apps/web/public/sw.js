// OpenPBM service worker: makes the installed app open without a network (the app shell and every hashed asset it
// has loaded; the ID card and order pages keep their own copies, see src/app/offline-copy.ts), and shows web push
// notices. API responses are never cached here; signing out deletes the pages' copies.
const SHELL = 'openpbm-shell-v1';
const OFFLINE_DATA = 'openpbm-member-offline';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      const response = await fetch('/', { cache: 'reload', headers: { accept: 'text/html' } });
      if (response.ok) {
        const html = await response.clone().text();
        await cache.put('/', response);
        // The entry script and styles named in index.html (hashed file names).
        const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
        await cache.addAll([
          ...new Set([...assets, '/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png']),
        ]);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== SHELL && key !== OFFLINE_DATA) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

// Pages ask the worker to keep resources they loaded before it took control (e.g. the ID card page's own chunk).
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'cache-urls' && Array.isArray(data.urls)) {
    const sameOrigin = data.urls.filter((u) => {
      try {
        const url = new URL(u, self.location.origin);
        return url.origin === self.location.origin && url.pathname.startsWith('/assets/');
      } catch {
        return false;
      }
    });
    event.waitUntil(
      caches
        .open(SHELL)
        .then((cache) => cache.addAll(sameOrigin))
        .catch(() => undefined),
    );
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/api/identity/sign-out') {
    // Signing out removes the saved ID card and order copies from this device.
    event.waitUntil(caches.delete(OFFLINE_DATA));
    return;
  }
  if (
    request.method !== 'GET' ||
    url.pathname.startsWith('/api/') ||
    url.pathname.startsWith('/dev/') ||
    url.pathname.startsWith('/docs')
  )
    return;

  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          if (response.ok) (await caches.open(SHELL)).put('/', response.clone());
          return response;
        } catch {
          return (await caches.match('/', { cacheName: SHELL })) || Response.error();
        }
      })(),
    );
    return;
  }
  if (
    url.pathname.startsWith('/assets/') ||
    url.pathname.startsWith('/icons/') ||
    url.pathname === '/manifest.webmanifest' ||
    url.pathname === '/favicon.svg'
  ) {
    event.respondWith(
      (async () => {
        const cached = await caches.match(request, { cacheName: SHELL });
        if (cached) return cached;
        const response = await fetch(request);
        if (response.ok) (await caches.open(SHELL)).put(request, response.clone());
        return response;
      })(),
    );
  }
});

self.addEventListener('push', (event) => {
  let payload = { title: 'OpenPBM', body: 'You have a new secure message.', url: '/members/messages' };
  try {
    payload = { ...payload, ...(event.data ? event.data.json() : {}) };
  } catch {
    // keep the default text
  }
  event.waitUntil(
    self.registration.showNotification(payload.title, {
      body: payload.body,
      icon: '/icons/icon-192.png',
      data: { url: payload.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = event.notification.data?.url || '/members/messages';
  event.waitUntil(self.clients.openWindow(target));
});
