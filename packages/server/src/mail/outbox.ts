import nodemailer from 'nodemailer'
import type { Platform } from '../platform/create-platform.ts'

/** How long a claimed message is left to its sender before another process may try it. */
const claimMinutes = 5
/** Waits between tries of a message the mail server refused: 1, 5, 30 minutes, then hourly. */
const retryMinutes = [1, 5, 30, 60]
const maxAttempts = 24
const batch = 20

/** What sends one message: nodemailer over SMTP in production, the same in tests against a local catcher. */
export type SendMail = (message: { from: string; to: string; subject: string; text: string }) => Promise<void>

/** An SMTP sender for `POLIS_SMTP_URL`. */
export function smtpSender(url: string): SendMail {
  const transport = nodemailer.createTransport(url)
  return async (message) => {
    await transport.sendMail(message)
  }
}

/**
 * Sends what is due in the outbox. Each message is claimed first (a conditional update
 * that moves it five minutes on), so that processes draining the same outbox never send
 * one twice; a refused message is tried again later, up to a day. Nothing about the
 * message goes to the log: only that one failed. Answers how many were sent.
 */
export async function drainOutbox(
  platform: Platform,
  send: SendMail,
  log: (line: Record<string, unknown>) => void,
): Promise<number> {
  const { db } = platform.store
  const now = platform.now()
  const at = now.toISOString()
  const due = await db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', at)
    .where('attempts', '<', maxAttempts)
    .orderBy('created_at')
    .limit(batch)
    .execute()
  let sent = 0
  for (const message of due) {
    const claimed = await db
      .updateTable('mail_outbox')
      .set({
        next_attempt_at: new Date(now.getTime() + claimMinutes * 60_000).toISOString(),
        attempts: message.attempts + 1,
      })
      .where('id', '=', message.id)
      .where('next_attempt_at', '=', message.next_attempt_at)
      .where('sent_at', 'is', null)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) continue
    try {
      await send({
        from: platform.config.POLIS_MAIL_FROM,
        to: message.to_address,
        subject: message.subject,
        text: message.body,
      })
      await db
        .updateTable('mail_outbox')
        .set({ sent_at: platform.now().toISOString() })
        .where('id', '=', message.id)
        .execute()
      sent += 1
    } catch (error) {
      const wait = retryMinutes[Math.min(message.attempts, retryMinutes.length - 1)] as number
      await db
        .updateTable('mail_outbox')
        .set({ next_attempt_at: new Date(now.getTime() + wait * 60_000).toISOString() })
        .where('id', '=', message.id)
        .execute()
      log({
        level: 'warn',
        event: 'mail_failed',
        attempt: message.attempts + 1,
        name: error instanceof Error ? error.name : 'unknown',
      })
    }
  }
  return sent
}

/** Drains the outbox every ten seconds when SMTP is configured; answers how to stop. */
export function startOutbox(platform: Platform, log: (line: Record<string, unknown>) => void): () => void {
  const url = platform.config.POLIS_SMTP_URL
  if (!url) return () => {}
  const send = smtpSender(url)
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    drainOutbox(platform, send, log)
      .catch((error: unknown) =>
        log({ level: 'warn', event: 'outbox_failed', name: error instanceof Error ? error.name : 'unknown' }),
      )
      .finally(() => {
        running = false
      })
  }, 10_000)
  timer.unref()
  return () => clearInterval(timer)
}
