// Copies of a member's pages kept on this device so they open without a connection (the ID card at the pharmacy
// counter, an order's tracking). Cache Storage, not the API cache: the service worker (public/sw.js) never caches
// API responses, and deletes this cache when the member signs out.
import { useEffect, useState } from 'react';
import { keepLoadedResourcesOffline } from './service-worker';

const OFFLINE_CACHE = 'openpbm-member-offline';

export interface OfflineCopy<T> {
  savedAt: string;
  data: T;
}

async function saveOfflineCopy<T>(key: string, data: T): Promise<void> {
  if (!('caches' in window)) return;
  const body: OfflineCopy<T> = { savedAt: new Date().toISOString(), data };
  const cache = await caches.open(OFFLINE_CACHE);
  await cache.put(
    key,
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
  );
}

async function loadOfflineCopy<T>(key: string): Promise<OfflineCopy<T> | null> {
  if (!('caches' in window)) return null;
  const hit = await (await caches.open(OFFLINE_CACHE)).match(key);
  return hit ? ((await hit.json()) as OfflineCopy<T>) : null;
}

/** True when the browser says it has no connection (queries then pause instead of failing). */
export const browserOffline = (): boolean => typeof navigator !== 'undefined' && !navigator.onLine;

/**
 * Saves `live` under `key` whenever it arrives (and keeps the page's own scripts for the service worker); when
 * `failed` or the browser is offline, reads the saved copy back. `checked` turns true once the read is done.
 */
export function useOfflineCopy<T>(key: string, live: T | undefined, failed: boolean) {
  const [copy, setCopy] = useState<OfflineCopy<T> | null>(null);
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    if (live === undefined) return;
    void saveOfflineCopy(key, live);
    keepLoadedResourcesOffline();
  }, [key, live]);
  const offline = failed || browserOffline();
  useEffect(() => {
    if (!offline || checked) return;
    void loadOfflineCopy<T>(key).then((saved) => {
      setCopy(saved);
      setChecked(true);
    });
  }, [key, offline, checked]);
  return { offline, checked, copy };
}
