import { advanceBundles, loadProactiveRules, processRegistryEvents } from '@polis/services'
import type { Platform } from '../platform/create-platform.ts'
import { createServiceEngine } from './create-service-engine.ts'

/**
 * Reads the registers' events every few seconds and makes the proactive offers they
 * call for, then moves on the life-event bundles a crash left between a part's decision
 * and the next part. Every process may run it: an offer is made once whoever processes
 * its event, an event two processes read at once offers once, and a bundle's part is made
 * once by its key. Failures are logged, never thrown.
 */
export function startRegistryEvents(platform: Platform, log: (line: Record<string, unknown>) => void): () => void {
  const rules = loadProactiveRules()
  const engine = createServiceEngine(platform)
  let running = false
  const failed = (event: string) => (error: unknown) =>
    log({ level: 'warn', event, name: error instanceof Error ? error.name : 'unknown' })
  const timer = setInterval(() => {
    if (running) return
    running = true
    processRegistryEvents(platform.store, { rules, now: platform.now() })
      .then((offers) => {
        if (offers > 0) log({ level: 'info', event: 'proactive_offers', offers })
      })
      .catch(failed('registry_events_failed'))
      .then(() => advanceBundles(engine.ports))
      .catch(failed('bundles_failed'))
      .finally(() => {
        running = false
      })
  }, 5_000)
  timer.unref()
  return () => clearInterval(timer)
}
