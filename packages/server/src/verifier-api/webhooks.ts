import { createHmac, timingSafeEqual } from 'node:crypto'
import type { VerifierWebhookTable } from '@polis/store'
import { webhookSecretOf } from '../business/businesses.ts'
import type { Platform } from '../platform/create-platform.ts'
import type { VerifierRequestView } from './verifier-requests.ts'

/** Waits after each failed try: 10 s, 30 s, 1, 5, 15 minutes, then hourly, for three days. */
const retrySeconds = [10, 30, 60, 300, 900, 3600]
export const maxWebhookAttempts = 80
/** How long a claimed delivery is left to its sender before another process may try it. */
const claimSeconds = 60
const timeoutMs = 10_000
const batch = 20

/** What posts one webhook: fetch in production, a fake in tests. Answers the HTTP status. */
export type SendWebhook = (request: { url: string; headers: Record<string, string>; body: string }) => Promise<number>

/** The outbox row of a webhook for a request just answered. */
export function webhookRow(options: {
  id: string
  url: string
  businessId: string
  view: VerifierRequestView
  now: Date
}): VerifierWebhookTable {
  const type = options.view.status === 'verified' ? 'presentation.verified' : 'presentation.refused'
  return {
    id: options.id,
    request_id: options.view.id,
    business_id: options.businessId,
    url: options.url,
    body: JSON.stringify({ type, timestamp: options.now.toISOString(), data: options.view }),
    created_at: options.now.toISOString(),
    next_attempt_at: options.now.toISOString(),
    attempts: 0,
    last_status: null,
    delivered_at: null,
  }
}

/**
 * Signs a webhook the Standard Webhooks way (standardwebhooks.com): HMAC-SHA256, keyed
 * with the business's `whsec_` secret, over `id.timestamp.body`, in `webhook-signature`.
 */
export function signWebhook(options: { secret: string; id: string; timestamp: number; body: string }) {
  const key = Buffer.from(options.secret.replace(/^whsec_/, ''), 'base64')
  const signature = createHmac('sha256', key).update(`${options.id}.${options.timestamp}.${options.body}`).digest()
  return {
    'content-type': 'application/json',
    'webhook-id': options.id,
    'webhook-timestamp': String(options.timestamp),
    'webhook-signature': `v1,${signature.toString('base64')}`,
  }
}

/**
 * Checks a webhook as a business would: the signature under its secret, and a timestamp
 * within five minutes of `now` (a replayed delivery is older).
 */
export function verifyWebhook(options: {
  secret: string
  headers: Record<string, string | undefined>
  body: string
  now: Date
}): boolean {
  const id = options.headers['webhook-id']
  const timestamp = Number(options.headers['webhook-timestamp'])
  const given = options.headers['webhook-signature']
  if (!id || !Number.isInteger(timestamp) || !given) return false
  if (Math.abs(options.now.getTime() / 1000 - timestamp) > 300) return false
  const expected = Buffer.from(
    signWebhook({ secret: options.secret, id, timestamp, body: options.body })['webhook-signature'],
  )
  return given.split(' ').some((one) => {
    const bytes = Buffer.from(one)
    return bytes.length === expected.length && timingSafeEqual(bytes, expected)
  })
}

/** Posts with fetch: no redirects, ten seconds at most. */
export const fetchWebhook: SendWebhook = async (request) => {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  })
  await response.body?.cancel().catch(() => {})
  return response.status
}

/**
 * Delivers what is due. Each row is claimed first (a conditional update that moves it on),
 * so processes draining the same outbox never send one twice at once; a 2xx answer
 * delivers it and erases its body (the claims were the business's to receive, not ours
 * to keep); anything else is tried again with backoff. A row that ran out of tries stays,
 * and the business can still poll the result. Answers how many were delivered.
 */
export async function drainWebhooks(
  platform: Platform,
  options: { send?: SendWebhook; log?: (line: Record<string, unknown>) => void } = {},
): Promise<number> {
  const send = options.send ?? fetchWebhook
  const log = options.log ?? (() => {})
  const { db } = platform.store
  const now = platform.now()
  const due = await db
    .selectFrom('verifier_webhooks')
    .selectAll()
    .where('delivered_at', 'is', null)
    .where('next_attempt_at', '<=', now.toISOString())
    .where('attempts', '<', maxWebhookAttempts)
    .orderBy('next_attempt_at')
    .limit(batch)
    .execute()
  let delivered = 0
  for (const row of due) {
    const claimed = await db
      .updateTable('verifier_webhooks')
      .set({ next_attempt_at: new Date(now.getTime() + claimSeconds * 1000).toISOString(), attempts: row.attempts + 1 })
      .where('id', '=', row.id)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .where('delivered_at', 'is', null)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) continue
    let status = 0
    try {
      const secret = await webhookSecretOf(platform, row.business_id)
      const headers = signWebhook({ secret, id: row.id, timestamp: Math.floor(now.getTime() / 1000), body: row.body })
      status = await send({ url: row.url, headers, body: row.body })
    } catch (error) {
      log({ level: 'warn', event: 'webhook_failed', attempt: row.attempts + 1, name: (error as Error).name })
    }
    if (status >= 200 && status < 300) {
      await db
        .updateTable('verifier_webhooks')
        .set({ delivered_at: platform.now().toISOString(), last_status: status, body: '' })
        .where('id', '=', row.id)
        .execute()
      delivered++
      continue
    }
    const wait = retrySeconds[Math.min(row.attempts, retrySeconds.length - 1)] as number
    await db
      .updateTable('verifier_webhooks')
      .set({ next_attempt_at: new Date(now.getTime() + wait * 1000).toISOString(), last_status: status || null })
      .where('id', '=', row.id)
      .execute()
  }
  return delivered
}

/** How long a verified answer waits for its business to poll it before it is erased. */
export const resultRetentionHours = 24

/**
 * Forgets what the platform need not keep: the decryption key of a request that expired
 * unanswered, and the claims of an answer a day after it came (the business has polled
 * or been sent them by then). What was asked, when, and the outcome stay. Answers how
 * many requests it touched.
 */
export async function pruneVerifierRequests(platform: Platform): Promise<number> {
  const { db } = platform.store
  const now = platform.now()
  const expired = await db
    .updateTable('verifier_requests')
    .set({ pending: '{}' })
    .where('answered_at', 'is', null)
    .where('expires_at', '<', now.toISOString())
    .where('pending', '!=', '{}')
    .executeTakeFirst()
  const erased = await db
    .updateTable('verifier_requests')
    .set({ result: null })
    .where('answered_at', '<', new Date(now.getTime() - resultRetentionHours * 3_600_000).toISOString())
    .where('result', 'is not', null)
    .executeTakeFirst()
  return Number(expired.numUpdatedRows) + Number(erased.numUpdatedRows)
}

/** Delivers webhooks every two seconds, off the request's path; answers how to stop. */
export function startWebhooks(platform: Platform, log: (line: Record<string, unknown>) => void): () => void {
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    drainWebhooks(platform, { log })
      .then(() => pruneVerifierRequests(platform))
      .catch((error: unknown) =>
        log({ level: 'warn', event: 'webhooks_failed', name: error instanceof Error ? error.name : 'unknown' }),
      )
      .finally(() => {
        running = false
      })
  }, 2_000)
  timer.unref()
  return () => clearInterval(timer)
}
