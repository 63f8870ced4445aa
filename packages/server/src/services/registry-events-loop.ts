import { loadProactiveRules, processRegistryEvents } from '@polis/services'
import type { Platform } from '../platform/create-platform.ts'

/**
 * Reads the registers' events every few seconds and makes the proactive offers they
 * call for. Every process may run it: an offer is made once whoever processes its event,
 * and an event two processes read at once offers once. Failures are logged, never thrown.
 */
export function startRegistryEvents(platform: Platform, log: (line: Record<string, unknown>) => void): () => void {
  const rules = loadProactiveRules()
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    processRegistryEvents(platform.store, { rules, now: platform.now() })
      .then((offers) => {
        if (offers > 0) log({ level: 'info', event: 'proactive_offers', offers })
      })
      .catch((error: unknown) =>
        log({ level: 'warn', event: 'registry_events_failed', name: error instanceof Error ? error.name : 'unknown' }),
      )
      .finally(() => {
        running = false
      })
  }, 5_000)
  timer.unref()
  return () => clearInterval(timer)
}
