import { isRecord } from './read-json.ts'

/**
 * The part of JSON Logic (jsonlogic.com) that a service's page and field conditions use,
 * interpreted over the answers on the phone so the form follows the citizen as they
 * type. The server applies the full rules again on submission; a condition this cannot
 * read (another operator, or data about the applicant only the server holds) is left to
 * what the server said when the form was opened.
 */
const operators = new Set(['var', '==', '===', '!=', '!==', '!', '!!', 'and', 'or', '<', '<=', '>', '>=', 'in', 'if'])

/** JSON Logic's truth: an empty list is false, as in the server's rules. */
export function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value)
}

/** Whether the wallet can decide a condition alone: known operators, reading only `answers`. */
export function readsOnlyAnswers(rule: unknown): boolean {
  if (rule === null || typeof rule !== 'object') return true
  if (Array.isArray(rule)) return rule.every(readsOnlyAnswers)
  const entries = Object.entries(rule)
  const [entry] = entries
  if (entries.length !== 1 || !entry) return false
  const [operator, argument] = entry
  if (!operators.has(operator)) return false
  if (operator === 'var') {
    const path = Array.isArray(argument) ? argument[0] : argument
    return typeof path === 'string' && path.startsWith('answers.')
  }
  return readsOnlyAnswers(argument)
}

function readVar(data: Record<string, unknown>, path: unknown, fallback: unknown): unknown {
  if (typeof path !== 'string' || path === '') return data
  let value: unknown = data
  for (const part of path.split('.')) {
    if (!isRecord(value) && !Array.isArray(value)) return fallback ?? null
    value = (value as Record<string, unknown>)[part]
  }
  // As in JSON Logic, what is not there is the default, else null.
  return value === undefined || value === null ? (fallback ?? null) : value
}

/** Applies a rule that `readsOnlyAnswers` accepted, over `{ answers }`. */
export function applyCondition(rule: unknown, data: Record<string, unknown>): unknown {
  if (rule === null || typeof rule !== 'object') return rule
  if (Array.isArray(rule)) return rule.map((item) => applyCondition(item, data))
  const [entry] = Object.entries(rule)
  if (!entry) return rule
  const [operator, raw] = entry
  const args = Array.isArray(raw) ? raw : [raw]
  const value = (index: number) => applyCondition(args[index], data)
  switch (operator) {
    case 'var':
      return readVar(data, value(0), value(1))
    case '==':
      // JSON Logic's == is JavaScript's loose equality, on purpose.
      // biome-ignore lint/suspicious/noDoubleEquals: the rule language defines == as loose
      return value(0) == value(1)
    case '===':
      return value(0) === value(1)
    case '!=':
      // biome-ignore lint/suspicious/noDoubleEquals: the rule language defines != as loose
      return value(0) != value(1)
    case '!==':
      return value(0) !== value(1)
    case '!':
      return !truthy(value(0))
    case '!!':
      return truthy(value(0))
    case 'and': {
      let last: unknown = true
      for (let i = 0; i < args.length; i++) {
        last = value(i)
        if (!truthy(last)) return last
      }
      return last
    }
    case 'or': {
      let last: unknown = false
      for (let i = 0; i < args.length; i++) {
        last = value(i)
        if (truthy(last)) return last
      }
      return last
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const compare = (a: unknown, b: unknown) => {
        const x = a as number
        const y = b as number
        return operator === '<' ? x < y : operator === '<=' ? x <= y : operator === '>' ? x > y : x >= y
      }
      // `{"<": [a, b, c]}` is a between, as in JSON Logic.
      if (args.length === 3 && (operator === '<' || operator === '<=')) {
        return compare(value(0), value(1)) && compare(value(1), value(2))
      }
      return compare(value(0), value(1))
    }
    case 'in': {
      const haystack = value(1)
      const needle = value(0)
      if (typeof haystack === 'string') return haystack.includes(String(needle))
      return Array.isArray(haystack) && haystack.includes(needle)
    }
    case 'if': {
      for (let i = 0; i + 1 < args.length; i += 2) if (truthy(value(i))) return value(i + 1)
      return args.length % 2 === 1 ? value(args.length - 1) : null
    }
    default:
      return undefined
  }
}
