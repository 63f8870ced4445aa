import { PolisError } from '@polis/kernel'
import jsonLogic from 'json-logic-js'

/**
 * Rules are JSON Logic (jsonlogic.com): data, never code. The library interprets them;
 * nothing is compiled or evaluated as JavaScript. Its `method` operation (which calls
 * any method of a value) and `log` are removed, and a rule may use only the operators
 * listed here.
 */
jsonLogic.rm_operation('method')
jsonLogic.rm_operation('log')

/** Whole years from an ISO date to another (a birthday counts on the day). */
function yearsSince(from: unknown, to: unknown): number | null {
  if (typeof from !== 'string' || typeof to !== 'string') return null
  const a = /^(\d{4})-(\d{2})-(\d{2})/.exec(from)
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(to)
  if (!a || !b) return null
  const [, ay, am, ad] = a.map(Number) as [number, number, number, number]
  const [, by, bm, bd] = b.map(Number) as [number, number, number, number]
  return by - ay - (bm < am || (bm === am && bd < ad) ? 1 : 0)
}

/** Days from an ISO date to another. */
function daysBetween(from: unknown, to: unknown): number | null {
  if (typeof from !== 'string' || typeof to !== 'string') return null
  const a = Date.parse(from.slice(0, 10))
  const b = Date.parse(to.slice(0, 10))
  return Number.isNaN(a) || Number.isNaN(b) ? null : Math.round((b - a) / 86_400_000)
}

/** A number rounded to the nearest integer (amounts in minor units), or null for what is not a number. */
function round(value: unknown): number | null {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
  return Number.isFinite(n) ? Math.round(n) : null
}

jsonLogic.add_operation('years_since', yearsSince)
jsonLogic.add_operation('round', round)
jsonLogic.add_operation('days_between', daysBetween)

const operators = new Set([
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  '>',
  '>=',
  '<',
  '<=',
  'max',
  'min',
  '+',
  '-',
  '*',
  '/',
  '%',
  'map',
  'filter',
  'reduce',
  'all',
  'none',
  'some',
  'merge',
  'in',
  'cat',
  'substr',
  'years_since',
  'days_between',
  'round',
])

const maxDepth = 32

/** What is wrong with a rule: unknown operators, or nesting too deep; empty when it is sound. */
export function checkRule(rule: unknown, depth = 0): string[] {
  if (depth > maxDepth) return ['the rule is nested too deeply']
  if (rule === null || typeof rule !== 'object') return []
  if (Array.isArray(rule)) return rule.flatMap((item) => checkRule(item, depth + 1))
  const keys = Object.keys(rule)
  if (keys.length !== 1) return ['an operation is an object with exactly one operator']
  const [operator] = keys as [string]
  if (!operators.has(operator)) return [`unknown operator ${operator}`]
  return checkRule((rule as Record<string, unknown>)[operator], depth + 1)
}

/** The data a rule reads: the answers, the applicant's registry data, and today's date. */
export interface RuleData {
  answers: Record<string, unknown>
  person: Record<string, unknown>
  records: Record<string, Record<string, Array<Record<string, unknown>>>>
  applicant: { age: number | null; citizen_id: string }
  today: string
}

/** Applies a checked rule; a rule that fails to apply is ERR_SERVICE_DEFINITION_INVALID (a definition bug). */
export function applyRule(rule: unknown, data: RuleData): unknown {
  try {
    return jsonLogic.apply(rule as jsonLogic.RulesLogic, data)
  } catch (cause) {
    throw new PolisError('ERR_SERVICE_DEFINITION_INVALID', { detail: 'a rule could not be applied', cause })
  }
}

/** Whether a rule holds (JSON Logic truthiness: empty arrays are false). */
export function holds(rule: unknown, data: RuleData): boolean {
  return jsonLogic.truthy(applyRule(rule, data))
}
