/**
 * The service worker of a Polis app (`@polis/ui/app-shell-worker`): every built file is
 * stored at install, so the app works offline from its first visit, including what it
 * loads lazily. Each build gets a cache of its own, and the old ones are deleted. What
 * the app keeps (documents, trust data) lives in IndexedDB, not here; requests outside
 * the app's scope (APIs, trust list, status lists) always go to the network.
 */
const sw = self as unknown as ServiceWorkerGlobalScope

/** A short fingerprint of the file list, so that each build gets a cache of its own. */
function hash(text: string): string {
  let h = 0
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0
  return (h >>> 0).toString(36)
}

/** Installs the handlers. `precache` is the list of built files, which the build writes in. */
export function serveAppShell(options: { app: string; precache: string[] }): void {
  const { precache } = options
  const scope = new URL(sw.registration.scope)
  const cacheName = `polis-${options.app}-${precache.length}-${hash(precache.join())}`

  sw.addEventListener('install', (event: ExtendableEvent) => {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(cacheName)
        await cache.addAll(precache.map((path) => new URL(path, scope).href))
        await sw.skipWaiting()
      })(),
    )
  })

  sw.addEventListener('activate', (event: ExtendableEvent) => {
    event.waitUntil(
      (async () => {
        for (const key of await caches.keys()) if (key !== cacheName) await caches.delete(key)
        await sw.clients.claim()
      })(),
    )
  })

  sw.addEventListener('fetch', (event: FetchEvent) => {
    const url = new URL(event.request.url)
    if (event.request.method !== 'GET' || !url.href.startsWith(scope.href)) return
    event.respondWith(
      (async () => {
        const cache = await caches.open(cacheName)
        // Hashed assets never change: the stored copy is the answer.
        if (url.pathname.includes('/assets/')) {
          const stored = await cache.match(event.request)
          if (stored) return stored
        }
        try {
          const response = await fetch(event.request)
          if (response.ok) await cache.put(event.request, response.clone())
          return response
        } catch {
          const stored = (await cache.match(event.request)) ?? (await cache.match(new URL('./', scope)))
          return stored ?? Response.error()
        }
      })(),
    )
  })
}
