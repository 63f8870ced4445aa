import type { PlatformLog } from '../cli/open-platform-log.ts'
import type { Platform } from '../platform/create-platform.ts'
import { logRecords } from './log-records.ts'

/**
 * One housekeeping round of the log: the records not yet logged go in (documents
 * issued, status changes, officials' actions), then a checkpoint is signed when one is
 * due, so that the last entries of a quiet moment are signed within seconds too, not
 * only when the next append comes. Answers how many records were logged.
 */
export async function tendTransparencyLog(platform: Platform, log: PlatformLog): Promise<number> {
  const logged = await logRecords(platform, log)
  await log.log.checkpointIfDue()
  return logged
}

/**
 * Every two seconds, a round of `tendTransparencyLog`; failures are reported, never
 * thrown. Answers the stop, which resolves once a round under way has finished, so the
 * store can close after it.
 */
export function startTransparencyLogging(
  platform: Platform,
  open: () => Promise<PlatformLog>,
  report: (line: Record<string, unknown>) => void,
): () => Promise<void> {
  let running: Promise<void> | undefined
  let log: PlatformLog | undefined
  const timer = setInterval(() => {
    if (running) return
    running = (async () => {
      log ??= await open()
      await tendTransparencyLog(platform, log)
    })()
      .catch((error: unknown) =>
        report({
          level: 'warn',
          event: 'transparency_logging_failed',
          name: error instanceof Error ? error.name : 'unknown',
          code: (error as { code?: unknown } | undefined)?.code,
        }),
      )
      .finally(() => {
        running = undefined
      })
  }, 2_000)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await running
  }
}
