import type { Language } from '@polis/ui'

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

/** How long ago, as people say it: "now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function formatAge(ageMs: number, language: Language): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
  const age = Math.max(0, ageMs)
  if (age < minute) return format.format(0, 'second')
  if (age < hour) return format.format(-Math.floor(age / minute), 'minute')
  if (age < 2 * day) return format.format(-Math.floor(age / hour), 'hour')
  return format.format(-Math.floor(age / day), 'day')
}

/** A span of hours as a length of time: "24 hours", "7 days". */
export function formatHours(hours: number, language: Language): string {
  const whole = hours % 24 === 0 && hours >= 48
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: whole ? 'day' : 'hour',
    unitDisplay: 'long',
  }).format(whole ? hours / 24 : hours)
}
