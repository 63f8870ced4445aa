import { existsSync, readFileSync } from 'node:fs'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'

/** The front ends the server ships, each built by Vite into `apps/<name>/dist`. */
const apps = ['wallet'] as const
const root = fileURLToPath(new URL('../../../../apps/', import.meta.url))

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/**
 * Serves each built app under `/<name>/`: hashed assets for a year, everything else
 * revalidated, and the app's index for any path it routes itself. An app that has not
 * been built answers with how to build it.
 */
export function serveApps(app: OpenAPIHono): void {
  for (const name of apps) {
    const dist = join(root, name, 'dist')
    app.get(`/${name}`, (c) => c.redirect(`/${name}/`))
    const handler = (c: Context) => {
      if (!existsSync(join(dist, 'index.html'))) {
        return c.text(`The ${name} app is not built: run \`npm run build\`.`, 503)
      }
      const relative = c.req.path.slice(name.length + 2)
      const file = normalize(join(dist, relative))
      const inside = file.startsWith(dist) && existsSync(file) && extname(file) !== ''
      const path = inside ? file : join(dist, 'index.html')
      const hashed = /\/assets\//.test(path)
      return c.body(readFileSync(path), 200, {
        'content-type': types[extname(path)] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      })
    }
    app.get(`/${name}/`, handler)
    app.get(`/${name}/*`, handler)
  }
}
