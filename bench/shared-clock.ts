const start = Date.parse('2026-06-01T10:00:00Z')

/**
 * A frozen clock that threads share: seconds past 2026-06-01T10:00:00Z in a shared
 * buffer, so that the bench's thread moves the clock of the server's.
 */
export function sharedClock(buffer: SharedArrayBuffer) {
  const seconds = new Int32Array(buffer)
  const clock = () => new Date(start + Atomics.load(seconds, 0) * 1000)
  clock.advance = (by: number) => {
    Atomics.add(seconds, 0, by)
  }
  clock.set = (to: Date) => {
    Atomics.store(seconds, 0, Math.round((to.getTime() - start) / 1000))
  }
  return clock
}
