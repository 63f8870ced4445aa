/**
 * The builder's visual editor of a rule: one or more comparisons of something the rule
 * reads (`answers.guests`, `applicant.age`, `person.address.region`) with a value, all of
 * them holding or any one. It writes JSON Logic, and reads back a rule of that shape;
 * any other rule is edited as JSON Logic itself.
 */
import type { RuleValue } from './definition.ts'

export const comparisonOperators = ['==', '!=', '>', '>=', '<', '<='] as const
export type ComparisonOperator = (typeof comparisonOperators)[number]

export interface Comparison {
  /** What the rule reads: `answers.<question>`, `person.<path>`, `applicant.age`, `today`. */
  left: string
  op: ComparisonOperator
  value: string | number | boolean
}

export interface Comparisons {
  join: 'all' | 'any'
  comparisons: Comparison[]
}

/** The paths the visual editor compares (a rule may read more, written as JSON Logic). */
export const comparable = /^(?:(?:answers|person|applicant)(?:\.[a-z0-9_]+)+|today)$/

/** The comparisons as JSON Logic: one alone, or joined by `and` (all) or `or` (any). */
export function ruleOfComparisons(rule: Comparisons): RuleValue {
  const each = rule.comparisons.map((c) => ({ [c.op]: [{ var: c.left }, c.value] }))
  if (each.length === 1) return each[0] as RuleValue
  return { [rule.join === 'all' ? 'and' : 'or']: each }
}

const operators: ReadonlySet<string> = new Set(comparisonOperators)

function comparisonOf(rule: unknown): Comparison | undefined {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return undefined
  const entries = Object.entries(rule)
  const [op, args] = entries[0] ?? []
  if (entries.length !== 1 || !op || !operators.has(op) || !Array.isArray(args) || args.length !== 2) return undefined
  const [left, value] = args as [unknown, unknown]
  if (left === null || typeof left !== 'object' || Array.isArray(left)) return undefined
  const read = Object.entries(left)
  const [name, path] = read[0] ?? []
  if (read.length !== 1 || name !== 'var' || typeof path !== 'string' || !comparable.test(path)) return undefined
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined
  return { left: path, op: op as ComparisonOperator, value }
}

/** The comparisons a rule is made of, when it is of the visual editor's shape; otherwise undefined. */
export function findComparisons(rule: unknown): Comparisons | undefined {
  const one = comparisonOf(rule)
  if (one) return { join: 'all', comparisons: [one] }
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return undefined
  const entries = Object.entries(rule)
  const [joiner, list] = entries[0] ?? []
  if (entries.length !== 1 || (joiner !== 'and' && joiner !== 'or') || !Array.isArray(list) || list.length < 2)
    return undefined
  const comparisons = list.map(comparisonOf)
  if (comparisons.some((c) => c === undefined)) return undefined
  return { join: joiner === 'and' ? 'all' : 'any', comparisons: comparisons as Comparison[] }
}
