import { createHash } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { type CompiledQuery, combineStatements, preparedQuery, type Store } from '@polis/store'
import type { Context, MiddlewareHandler } from 'hono'
import { addressOf } from './client-address.ts'

export interface RateLimitOptions {
  store: Store
  now: () => Date
  /** What is limited, e.g. `share-code-redeem`; also the kind logged when the limit is hit. */
  name: string
  /** Attempts allowed per window. */
  limit: number
  windowSeconds: number
  log: (line: Record<string, unknown>) => void
}

// On the way of every sign-in and many other requests: prepared once.
const countQuery = preparedQuery((db, slot) =>
  db
    .insertInto('rate_limits')
    .values({ bucket: slot('bucket'), window_start: slot('windowStart'), count: 1 })
    .onConflict((conflict) =>
      conflict.columns(['bucket', 'window_start']).doUpdateSet((eb) => ({ count: eb('rate_limits.count', '+', 1) })),
    )
    .returning('count'),
)

export interface CountAttemptOptions<Row> extends RateLimitOptions {
  /**
   * Who is counted: an account known once the request is authenticated (a citizen, a
   * business's client id), or an address. Hashed with the limit's name before it is stored or logged.
   */
  subject: string
  /**
   * A read the request makes next, made in the same round trip as the count on PostgreSQL
   * (Polis ID's authorization reads its pushed request so); its rows are returned.
   */
  alongside?: CompiledQuery<Row>
}

/**
 * Counts one attempt of a subject in fixed windows, in the database so that every process
 * shares the count, and past the limit throws ERR_RATE_LIMITED (429) after setting
 * Retry-After to the seconds left in the window. A refusal is logged for the security team
 * by kind and a hash of the subject, never the subject itself. Returns the rows of the
 * read made alongside, if any (counted or refused, the read is made).
 */
export async function countAttempt<Row = never>(c: Context, options: CountAttemptOptions<Row>): Promise<Row[]> {
  const now = options.now()
  const window = Math.floor(now.getTime() / 1000 / options.windowSeconds) * options.windowSeconds
  const windowStart = new Date(window * 1000).toISOString()
  const subject = createHash('sha256').update(`${options.name}\n${options.subject}`).digest('base64url')
  const bucket = `${options.name}:${subject}`
  const { count, alongside } = await countWith(options.store, { bucket, windowStart }, options.alongside)
  if (count <= options.limit) return alongside
  if (count === options.limit + 1) {
    // Once per window and subject: the burst, not every refused attempt.
    await options.store.db
      .insertInto('security_events')
      .values({ at: now.toISOString(), kind: `rate-limited:${options.name}`, subject_hash: subject })
      .execute()
    options.log({ level: 'warn', event: 'rate-limited', limit: options.name, subject })
  }
  // Old windows are cleared now and then, by whoever is refused.
  await options.store.db.deleteFrom('rate_limits').where('window_start', '<', windowStart).execute()
  c.header('retry-after', String(window + options.windowSeconds - Math.floor(now.getTime() / 1000)))
  throw new PolisError('ERR_RATE_LIMITED', { detail: options.name })
}

/** One attempt counted, and the read alongside it made in the same round trip where the engine allows. */
async function countWith<Row>(
  store: Store,
  values: { bucket: string; windowStart: string },
  alongside: CompiledQuery<Row> | undefined,
): Promise<{ count: number; alongside: Row[] }> {
  const counting = countQuery(store.db)
  if (alongside && store.engine === 'postgres') {
    const [row] = (
      await store.db.executeQuery(
        combineStatements<{ count: number; alongside_rows: Row[] | null }>(
          { counted: counting.compile(values), alongside },
          'select counted.count, (select json_agg(alongside) from alongside) as alongside_rows from counted',
        ),
      )
    ).rows
    if (!row) throw new Error('the attempt was not counted')
    return { count: Number(row.count), alongside: row.alongside_rows ?? [] }
  }
  const [row] = await counting.execute(values)
  if (!row) throw new Error('the attempt was not counted')
  return { count: row.count, alongside: alongside ? (await store.db.executeQuery(alongside)).rows : [] }
}

/** Limits attempts per client address, before the route runs (countAttempt with the address as the subject). */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  return async (c, next) => {
    await countAttempt(c, { ...options, subject: addressOf(c) })
    await next()
  }
}
