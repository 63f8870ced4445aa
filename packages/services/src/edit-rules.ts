/**
 * The builder's edits of a service's rules and messages: who may apply (each rule with
 * the message said when it does not hold), the rules that decide (first that holds
 * approves or rejects with its reason, else `otherwise`), and the inbox messages. A rule
 * is checked as the engine checks it, and also for what it reads: each problem is
 * refused with its path in the rule (`eligibility[0].rule.and[1]: unknown operator like`).
 */
import { PolisError } from '@polis/kernel'
import { z } from 'zod'
import { type DraftPage, moved, refuse, Text } from './draft-edit-parts.ts'
import { checkRule } from './rules.ts'

const index = z.number().int().min(0).max(99)
/** A rule in JSON Logic, as data. */
const Rule = z.json()
const outcome = z.enum(['approve', 'reject'])

export const RuleEdit = [
  z.object({ action: z.literal('add-eligibility'), rule: Rule, message: Text }).strict(),
  z.object({ action: z.literal('set-eligibility'), index, rule: Rule, message: Text }).strict(),
  z.object({ action: z.literal('remove-eligibility'), index }).strict(),
  z.object({ action: z.literal('add-decision-rule'), when: Rule, outcome, reason: Text }).strict(),
  z.object({ action: z.literal('set-decision-rule'), index, when: Rule, outcome, reason: Text }).strict(),
  z.object({ action: z.literal('remove-decision-rule'), index }).strict(),
  z.object({ action: z.literal('move-decision-rule'), index, by: z.union([z.literal(-1), z.literal(1)]) }).strict(),
  z.object({ action: z.literal('set-otherwise'), otherwise: z.enum(['approve', 'reject', 'official']) }).strict(),
  z
    .object({
      action: z.literal('set-notification'),
      at: z.enum(['submitted', 'approved', 'rejected']),
      /** Empty: the platform's own words. */
      text: z.union([Text, z.literal('')]),
    })
    .strict(),
] as const

type RuleEditOf = z.infer<(typeof RuleEdit)[number]>

/** One problem of a rule, at its path inside the rule (empty: the rule as a whole). */
export interface RuleProblem {
  path: string
  message: string
}

const roots = new Set(['answers', 'person', 'records', 'applicant', 'today'])
/** Operators whose later arguments are applied to each item of a list: a `var` there reads the item. */
const perItem = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some'])

/**
 * What is wrong with a rule, each at its path: the engine's own check (`checkRule`: unknown
 * operators, nesting), and a variable that reads nothing a rule is given, or an answer no
 * question of the draft asks for.
 */
export function ruleProblems(rule: unknown, questions: ReadonlySet<string>): RuleProblem[] {
  const whole = checkRule(rule)
  if (whole.includes('the rule is nested too deeply')) return [{ path: '', message: 'the rule is nested too deeply' }]
  const problems: RuleProblem[] = []
  const read = (name: unknown, path: string) => {
    if (typeof name !== 'string' || name === '') return
    const [root, question] = name.split('.')
    if (!roots.has(root ?? ''))
      problems.push({ path, message: `reads ${name}: a rule reads answers, person, records, applicant or today` })
    else if (root === 'answers' && !questions.has(question ?? ''))
      problems.push({ path, message: `reads answers.${question ?? ''}, which no question asks for` })
  }
  const walk = (node: unknown, path: string, ofItem: boolean): void => {
    if (node === null || typeof node !== 'object') return
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, `${path}[${i}]`, ofItem)
      })
      return
    }
    const keys = Object.keys(node)
    const [operator] = keys
    const own = checkRule(keys.length === 1 ? { [operator as string]: null } : node)
    if (own.length > 0 || operator === undefined) {
      for (const message of own) problems.push({ path, message })
      return
    }
    const at = path === '' ? operator : `${path}.${operator}`
    const args = (node as Record<string, unknown>)[operator]
    const list = Array.isArray(args) ? args : [args]
    if (operator === 'var' && !ofItem) read(list[0], at)
    if (operator === 'missing' && !ofItem) {
      list.forEach((name, i) => {
        read(name, `${at}[${i}]`)
      })
    }
    if (perItem.has(operator) && Array.isArray(args)) {
      walk(args[0], `${at}[0]`, ofItem)
      args.slice(1).forEach((item, i) => {
        walk(item, `${at}[${i + 1}]`, true)
      })
      return
    }
    walk(args, at, ofItem)
  }
  walk(rule, '', false)
  return problems
}

/** The rule, or the refusal at the form's `rule` naming the first problem's path in the definition. */
function checked(rule: unknown, where: string, pages: DraftPage[]): unknown {
  const questions = new Set(pages.flatMap((p) => (p.fields ?? []).map((f) => f.id)))
  const [problem] = ruleProblems(rule, questions)
  if (problem) {
    const path = problem.path === '' ? where : `${where}.${problem.path}`
    throw new PolisError('ERR_BUILDER_EDIT', { detail: `${path}: ${problem.message}`, field: 'rule' })
  }
  return rule
}

type Decision = { by?: unknown; rules?: unknown; otherwise?: unknown }

/** The definition's rules or messages edited in place (the caller works on its own copy). */
export function editRules(definition: Record<string, unknown>, pages: DraftPage[], edit: RuleEditOf): void {
  const eligibility = (Array.isArray(definition.eligibility) ? definition.eligibility : []) as unknown[]
  const decision = (definition.decision ?? {}) as Decision
  const decisionRules = () => {
    if (decision.by !== 'rules') throw refuse('decision', 'the rules do not decide this service: choose them first')
    return (Array.isArray(decision.rules) ? decision.rules : []) as unknown[]
  }
  const at = (list: unknown[], i: number, place: string) => {
    if (i >= list.length) throw refuse(place, `no rule ${i + 1}`)
  }
  switch (edit.action) {
    case 'add-eligibility': {
      const rule = checked(edit.rule, `eligibility[${eligibility.length}].rule`, pages)
      definition.eligibility = [...eligibility, { rule, message: edit.message }]
      return
    }
    case 'set-eligibility': {
      at(eligibility, edit.index, 'eligibility')
      const rule = checked(edit.rule, `eligibility[${edit.index}].rule`, pages)
      definition.eligibility = eligibility.map((e, i) => (i === edit.index ? { rule, message: edit.message } : e))
      return
    }
    case 'remove-eligibility': {
      at(eligibility, edit.index, 'eligibility')
      definition.eligibility = eligibility.filter((_, i) => i !== edit.index)
      return
    }
    case 'add-decision-rule': {
      const rules = decisionRules()
      const when = checked(edit.when, `decision.rules[${rules.length}].when`, pages)
      decision.rules = [...rules, { when, outcome: edit.outcome, reason: edit.reason }]
      return
    }
    case 'set-decision-rule': {
      const rules = decisionRules()
      at(rules, edit.index, 'decision')
      const when = checked(edit.when, `decision.rules[${edit.index}].when`, pages)
      decision.rules = rules.map((r, i) =>
        i === edit.index ? { when, outcome: edit.outcome, reason: edit.reason } : r,
      )
      return
    }
    case 'remove-decision-rule': {
      const rules = decisionRules()
      at(rules, edit.index, 'decision')
      decision.rules = rules.filter((_, i) => i !== edit.index)
      return
    }
    case 'move-decision-rule': {
      const rules = decisionRules()
      at(rules, edit.index, 'decision')
      decision.rules = moved(rules, edit.index, edit.by)
      return
    }
    case 'set-otherwise': {
      decisionRules()
      decision.otherwise = edit.otherwise
      return
    }
    case 'set-notification': {
      const notifications = { ...((definition.notifications ?? {}) as Record<string, unknown>) }
      if (edit.text === '') delete notifications[edit.at]
      else notifications[edit.at] = edit.text
      definition.notifications = notifications
      return
    }
  }
}
