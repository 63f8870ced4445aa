import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { Platform } from '../platform/create-platform.ts'
import { within } from './within.ts'

/** The instance's Prometheus metrics: recorded on the way of requests, and gauges read at scrape time. */
export interface Metrics {
  /** One finished HTTP request, by its route template (never the raw path: no ids in labels). */
  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void
  /** A request that failed with a thrown error: its stable code (`ERR_INTERNAL` for an unknown failure). */
  countError(code: string): void
  countIssued(issued: { documentType: string; format: string }): void
  /** A verification's outcome: `valid` or the stable error code it failed with. */
  countVerified(outcome: string): void
  /** The text exposition, after reading the gauges that cost a query or a message. */
  render(): Promise<string>
  contentType: string
}

export interface CreateMetricsOptions {
  platform: Platform
  /** How long each scrape-time reading (database, exchange) may take before it is left out. */
  timeoutMs?: number
}

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/** Seconds: most requests take milliseconds; the long tail is what an operator watches. */
const latencyBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/**
 * A registry of its own per app, so two instances in one process (tests) do not share
 * counts. Nothing here queries the database per request: the pool, the backlog of the
 * transparency log and the exchange's traffic are read when Prometheus scrapes.
 */
export function createMetrics(options: CreateMetricsOptions): Metrics {
  const { platform } = options
  const timeoutMs = options.timeoutMs ?? 2000
  const registry = new Registry()
  // Event-loop lag (nodejs_eventloop_lag_*), heap, GC and the process's CPU and memory.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 })

  const requests = new Histogram({
    name: 'polis_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status class, and how long they took (its _count is the number of requests)',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: latencyBuckets,
    registers: [registry],
  })
  const errors = new Counter({
    name: 'polis_errors_total',
    help: 'Requests that failed with an error, by its stable code (docs/errors.md); http_NNN for a refusal of the HTTP layer',
    labelNames: ['code'] as const,
    registers: [registry],
  })
  const issued = new Counter({
    name: 'polis_credentials_issued_total',
    help: 'Credentials issued by this process, by document type and format',
    labelNames: ['document_type', 'format'] as const,
    registers: [registry],
  })
  const verified = new Counter({
    name: 'polis_verifications_total',
    help: 'Presentations and credentials checked by this process, by outcome (valid or the error code)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
  const pool = new Gauge({
    name: 'polis_db_pool_connections',
    help: 'PostgreSQL pool of this process: total, idle and waiting clients (absent on SQLite)',
    labelNames: ['state'] as const,
    registers: [registry],
  })
  const backlog = new Gauge({
    name: 'polis_transparency_log_backlog',
    help: "Rows not yet appended to the transparency log, by table (application_events: officials' actions only)",
    labelNames: ['table'] as const,
    registers: [registry],
  })
  const outboxes = new Gauge({
    name: 'polis_outbox_undelivered',
    help: 'Messages not yet delivered, by outbox: mail, and verifier webhooks (with those out of tries)',
    labelNames: ['outbox'] as const,
    registers: [registry],
  })
  const exchangeUp = new Gauge({
    name: 'polis_exchange_server_up',
    help: "Whether each of the exchange's security servers runs (1) or is stopped (0)",
    labelNames: ['server'] as const,
    registers: [registry],
  })
  const exchangeMessages = new Gauge({
    name: 'polis_exchange_messages',
    help: 'Messages through each security server since it started, by door (consumer or provider)',
    labelNames: ['server', 'door'] as const,
    registers: [registry],
  })
  const exchangeFaults = new Gauge({
    name: 'polis_exchange_faults',
    help: 'Faults at each security server since it started, by door',
    labelNames: ['server', 'door'] as const,
    registers: [registry],
  })
  const scrapeFailures = new Gauge({
    name: 'polis_metrics_source_up',
    help: 'Whether each scrape-time source answered in time (1) or not (0): database, exchange',
    labelNames: ['source'] as const,
    registers: [registry],
  })

  // Each count runs on an index of the rows still waiting (migrations 0016, 0031, 0032, 0035, 0037).
  async function readQueues(): Promise<void> {
    const { db } = platform.store
    const rows = (row: { rows: number | string } | undefined) => Number(row?.rows ?? 0)
    const toLog = async (table: 'data_access_log' | 'exchange_records' | 'issued_credentials' | 'status_events') =>
      rows(
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('rows'))
          .where('log_index', 'is', null)
          .executeTakeFirst(),
      )
    const [accesses, messages, issued, statuses, officials, mail, webhooks] = await Promise.all([
      toLog('data_access_log'),
      toLog('exchange_records'),
      toLog('issued_credentials'),
      toLog('status_events'),
      db
        .selectFrom('application_events')
        .select((eb) => eb.fn.countAll<number | string>().as('rows'))
        .where('log_index', 'is', null)
        .where('actor', 'like', 'official:%')
        .executeTakeFirst()
        .then(rows),
      db
        .selectFrom('mail_outbox')
        .select((eb) => eb.fn.countAll<number | string>().as('rows'))
        .where('sent_at', 'is', null)
        .executeTakeFirst()
        .then(rows),
      db
        .selectFrom('verifier_webhooks')
        .select((eb) => eb.fn.countAll<number | string>().as('rows'))
        .where('delivered_at', 'is', null)
        .executeTakeFirst()
        .then(rows),
    ])
    backlog.set({ table: 'data_access_log' }, accesses)
    backlog.set({ table: 'exchange_records' }, messages)
    backlog.set({ table: 'issued_credentials' }, issued)
    backlog.set({ table: 'status_events' }, statuses)
    backlog.set({ table: 'application_events' }, officials)
    outboxes.set({ outbox: 'mail' }, mail)
    outboxes.set({ outbox: 'webhooks' }, webhooks)
  }

  async function readExchange(): Promise<void> {
    const start = platform.exchange
    if (!start) return
    const exchange = await start()
    const statuses = await exchange.status()
    exchangeUp.reset()
    exchangeMessages.reset()
    exchangeFaults.reset()
    for (const code of exchange.servers) {
      exchangeUp.set({ server: code }, statuses.some((s) => s.serverCode === code) ? 1 : 0)
    }
    for (const status of statuses) {
      for (const door of ['consumer', 'provider'] as const) {
        exchangeMessages.set({ server: status.serverCode, door }, status[door].messages)
        exchangeFaults.set({ server: status.serverCode, door }, status[door].faults)
      }
    }
  }

  return {
    observeRequest({ method, route, status, seconds }) {
      requests.observe(
        { method: methods.has(method) ? method : 'OTHER', route, status_class: `${Math.floor(status / 100)}xx` },
        seconds,
      )
    },
    countError(code) {
      errors.inc({ code })
    },
    countIssued({ documentType, format }) {
      issued.inc({ document_type: documentType, format })
    },
    countVerified(outcome) {
      verified.inc({ outcome })
    },
    async render() {
      const stats = platform.store.poolStats?.()
      if (stats) {
        pool.set({ state: 'total' }, stats.total)
        pool.set({ state: 'idle' }, stats.idle)
        pool.set({ state: 'waiting' }, stats.waiting)
      }
      const [database, exchange] = await Promise.all([within(timeoutMs, readQueues), within(timeoutMs, readExchange)])
      scrapeFailures.set({ source: 'database' }, database.outcome === 'ok' ? 1 : 0)
      if (platform.exchange) scrapeFailures.set({ source: 'exchange' }, exchange.outcome === 'ok' ? 1 : 0)
      return registry.metrics()
    },
    contentType: registry.contentType,
  }
}
