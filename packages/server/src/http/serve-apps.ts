import { existsSync, readFileSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Language } from '@polis/ui'
import type { Context } from 'hono'
import { appSecurityPolicy, appSecurityPolicyOverHttp } from './security-headers.ts'

/** The front ends the server ships, each built by Vite into `apps/<name>/dist` and served under `/<path>/`. */
const apps = [
  { name: 'wallet', path: 'wallet' },
  { name: 'verifier', path: 'verify' },
] as const
/** Where the apps' files are served: no request there reads the database. */
export const servedAppPrefixes: readonly string[] = apps.map(({ path }) => `/${path}/`)
const root = fileURLToPath(new URL('../../../../apps/', import.meta.url))

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/**
 * Serves each built app under `/<path>/`: hashed assets for a year, everything else
 * revalidated, and the app's index for any path it routes itself. An app that has not
 * been built answers with how to build it.
 */
export function serveApps(app: OpenAPIHono, options: { language?: Language; overHttp?: boolean } = {}): void {
  const language = options.language ?? 'uk'
  for (const { name, path } of apps) {
    const dist = join(root, name, 'dist')
    app.get(`/${path}`, (c) => c.redirect(`/${path}/`))
    const handler = (c: Context) => {
      if (!existsSync(join(dist, 'index.html'))) {
        return c.text(`The ${name} app is not built: run \`npm run build\`.`, 503)
      }
      const relative = c.req.path.slice(path.length + 2)
      const file = normalize(join(dist, relative))
      const inside = file.startsWith(dist + sep) && existsSync(file) && extname(file) !== ''
      const served = inside ? file : join(dist, 'index.html')
      const hashed = /\/assets\//.test(served)
      const body = readFileSync(served)
      // The apps open in the instance's first language when the reader's browser speaks none of theirs.
      const page =
        extname(served) === '.html' && language !== 'uk'
          ? body.toString('utf8').replace('<html lang="uk">', `<html lang="${language}">`)
          : body
      return c.body(page, 200, {
        'content-type': types[extname(served)] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        'content-security-policy': options.overHttp ? appSecurityPolicyOverHttp : appSecurityPolicy,
      })
    }
    app.get(`/${path}/`, handler)
    app.get(`/${path}/*`, handler)
  }
}
