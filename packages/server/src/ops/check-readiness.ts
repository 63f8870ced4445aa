import type { Platform } from '../platform/create-platform.ts'
import { within } from './within.ts'

export type CheckOutcome = 'ok' | 'failed' | 'timeout'

export interface Readiness {
  ready: boolean
  checks: {
    database: CheckOutcome
    /** `off` when the instance reads its registers directly. */
    exchange: CheckOutcome | 'off'
    /** The process has been told to stop and is draining its requests. */
    draining: boolean
  }
  /** The codes of the exchange's security servers that are not running. */
  stopped: string[]
}

export interface CheckReadinessOptions {
  platform: Platform
  /** How long the database and the exchange each get to answer. */
  timeoutMs: number
  draining: boolean
}

/**
 * Whether this process can serve a citizen now: its database answers within the timeout
 * and every security server of its exchange runs. It names what fails, nothing personal.
 */
export async function checkReadiness(options: CheckReadinessOptions): Promise<Readiness> {
  const { platform, timeoutMs } = options
  const startedExchange = platform.exchange
  const [database, exchange] = await Promise.all([
    within(timeoutMs, () => platform.store.db.selectFrom('meta').select('key').limit(1).execute()),
    startedExchange
      ? within(timeoutMs, async () => {
          const started = await startedExchange()
          const running = new Set((await started.status()).map((server) => server.serverCode))
          return started.servers.filter((code) => !running.has(code))
        })
      : undefined,
  ])
  const stopped = exchange?.outcome === 'ok' ? exchange.value : []
  const exchangeOutcome = exchange
    ? exchange.outcome === 'ok' && stopped.length > 0
      ? 'failed'
      : exchange.outcome
    : 'off'
  return {
    ready: database.outcome === 'ok' && (exchangeOutcome === 'ok' || exchangeOutcome === 'off') && !options.draining,
    checks: { database: database.outcome, exchange: exchangeOutcome, draining: options.draining },
    stopped,
  }
}
