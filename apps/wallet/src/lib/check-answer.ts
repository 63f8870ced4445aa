import type { Key } from '../messages.ts'
import type { ServiceField } from './service-definition.ts'

/** What the citizen typed or chose: text as typed, a yes/no as a boolean. */
export type RawAnswer = string | boolean | undefined

/** A problem with one answer, as a message key of the wallet and its values. */
export interface AnswerProblem {
  key: Extract<Key, `answer${string}`>
  values?: Record<string, number>
}

function realDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

/** A number as typed on a phone: spaces between thousands and a decimal comma allowed. */
export function parseNumber(raw: string): number {
  const compact = raw.replace(/[\s\u00a0]/g, '').replace(',', '.')
  return compact === '' ? Number.NaN : Number(compact)
}

/**
 * Checks one answer on the phone the way the service engine does on submission (the
 * same limits, in the same order), so that most mistakes are said before sending; the
 * server's check still decides.
 */
export function checkAnswer(field: ServiceField, raw: RawAnswer): AnswerProblem | undefined {
  const empty = raw === undefined || (typeof raw === 'string' && raw.trim() === '')
  if (empty) {
    if (!field.required) return undefined
    // A choice not made is asked for as a choice, not as something to type.
    return {
      key:
        field.type === 'boolean'
          ? 'answerYesNo'
          : field.type === 'select' || field.type === 'item'
            ? 'answerChoice'
            : field.type === 'file'
              ? 'answerFile'
              : 'answerRequired',
    }
  }
  switch (field.type) {
    // A file's answer is the id of the upload the server checked and kept.
    case 'file':
      return typeof raw === 'string' ? undefined : { key: 'answerFile' }
    case 'boolean':
      return typeof raw === 'boolean' ? undefined : { key: 'answerYesNo' }
    case 'number': {
      const value = typeof raw === 'string' ? parseNumber(raw) : Number.NaN
      if (!Number.isFinite(value)) return { key: 'answerNumber' }
      if (field.min !== undefined && value < field.min) return { key: 'answerTooSmall', values: { n: field.min } }
      if (field.max !== undefined && value > field.max) return { key: 'answerTooBig', values: { n: field.max } }
      return undefined
    }
    case 'date':
      return typeof raw === 'string' && realDate(raw.trim()) ? undefined : { key: 'answerDate' }
    // An item owed is one of those the register listed: its id, never an amount.
    case 'item':
    case 'select':
      return typeof raw === 'string' && field.options?.some((o) => o.value === raw)
        ? undefined
        : { key: 'answerChoice' }
    default: {
      if (typeof raw !== 'string') return { key: 'answerFormat' }
      const value = raw.trim()
      if (field.minLength !== undefined && value.length < field.minLength)
        return { key: 'answerTooShort', values: { n: field.minLength } }
      if (value.length > field.maxLength) return { key: 'answerTooLong', values: { n: field.maxLength } }
      if (field.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { key: 'answerEmail' }
      if (field.type === 'phone' && !/^\+?[0-9 ()-]{7,20}$/.test(value)) return { key: 'answerPhone' }
      if (field.pattern && !matchesPattern(field.pattern, value)) return { key: 'answerFormat' }
      return undefined
    }
  }
}

/** A definition's pattern, which must match the whole answer; one the phone cannot read is left to the server. */
function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(value)
  } catch {
    return true
  }
}
