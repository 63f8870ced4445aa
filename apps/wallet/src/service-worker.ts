// The wallet's app shell, kept for offline use. Documents live in IndexedDB, not here;
// API calls always go to the network.
const sw = self as unknown as ServiceWorkerGlobalScope

const cacheName = 'polis-wallet-shell-v1'
const scope = new URL(sw.registration.scope)

sw.addEventListener('install', (event: ExtendableEvent) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName)
      const index = await fetch(new URL('./', scope))
      await cache.put(new URL('./', scope), index.clone())
      const html = await index.text()
      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1] as string, scope).href)
      await cache.addAll(assets.filter((url) => url.startsWith(scope.href)))
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
      try {
        const response = await fetch(event.request)
        if (response.ok) await cache.put(event.request, response.clone())
        return response
      } catch {
        const cached = (await cache.match(event.request)) ?? (await cache.match(new URL('./', scope)))
        return cached ?? Response.error()
      }
    })(),
  )
})

export {}
