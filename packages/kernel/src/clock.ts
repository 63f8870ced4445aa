/** The one way Polis code reads the time, so that tests can freeze it. */
export type Clock = () => Date

/** The machine's clock. */
export const systemClock: Clock = () => new Date()

/** A clock stopped at one instant; `advance` moves it on. */
export function frozenClock(
  at: Date | string,
): Clock & { advance: (seconds: number) => void; set: (to: Date) => void } {
  let now = new Date(at).getTime()
  const clock = () => new Date(now)
  clock.advance = (seconds: number) => {
    now += seconds * 1000
  }
  clock.set = (to: Date) => {
    now = to.getTime()
  }
  return clock
}

/** Seconds since the epoch, as JWT `iat`/`exp` want them. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000)
}
