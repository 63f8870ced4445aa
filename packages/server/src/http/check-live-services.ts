import type { LiveCatalogue } from '@polis/services'
import type { Engine } from '@polis/store'
import type { MiddlewareHandler } from 'hono'
import { keptForDegradedMode } from '../ops/degraded-mode.ts'
import { opsRoutes } from '../ops/ops-routes.ts'
import { servedAppPrefixes } from './serve-apps.ts'

export interface CheckLiveServicesOptions {
  services: LiveCatalogue
  engine: Engine
}

/**
 * Paths that never read the catalogue: a sign-in's steps (Polis ID and the phone's
 * answer), issuing documents, the verifier's API, the log and the exchange. Each request
 * a sign-in makes would otherwise pay one more round trip to PostgreSQL.
 */
const beyondTheCatalogue = ['/id/', '/api/wallet/logins/', '/oid4vci/', '/api/verify', '/log/', '/exchange/']

/** Paths that never read the catalogue: those above, health, the public documents, the apps' files. */
function withoutServices(path: string): boolean {
  return (
    beyondTheCatalogue.some((prefix) => path.startsWith(prefix)) ||
    path === '/id' ||
    opsRoutes.has(path) ||
    servedAppPrefixes.some((prefix) => path.startsWith(prefix)) ||
    keptForDegradedMode.some((kept) => (kept.endsWith('/*') ? path.startsWith(kept.slice(0, -1)) : path === kept))
  )
}

/**
 * Before a request, the live services as recent as the database's counter: on PostgreSQL
 * another process may have published a version a moment ago, and a citizen sent to this
 * process must find it (docs/operations.md, Running several processes). One read of a
 * one-row table; a reload only when the counter moved. On SQLite the database is this
 * process's, which reloads at once when it publishes, so nothing is read.
 */
export function checkLiveServices(options: CheckLiveServicesOptions): MiddlewareHandler {
  const { services } = options
  return async (c, next) => {
    if (options.engine === 'postgres' && !withoutServices(c.req.path)) {
      try {
        await services.check()
      } catch {
        // The database unreachable: the request answers from what this process holds, or
        // fails on its own reads as it would have.
      }
    }
    await next()
  }
}
