import { applyCondition, readsOnlyAnswers, truthy } from './apply-condition.ts'
import { type AnswerProblem, checkAnswer, parseNumber, type RawAnswer } from './check-answer.ts'
import type { ServiceDefinition, ServiceField, ServiceForm, ServicePage } from './service-definition.ts'

/** The citizen's answers so far, by field id, as typed. */
export type Draft = Record<string, RawAnswer>

/** A page as the citizen is shown it now: its questions, and the facts the state already knows. */
export interface ShownPage {
  page: ServicePage
  /** The fields the citizen answers. */
  questions: ServiceField[]
  /** The fields the registries fill, with their values: shown, not asked. */
  known: Array<{ field: ServiceField; value: unknown }>
}

const hasValue = (value: unknown) => value !== undefined && value !== null && value !== ''

/** The answer as the service takes it: a number as a number, text trimmed. */
function typed(field: ServiceField, raw: RawAnswer): unknown {
  if (typeof raw === 'boolean') return raw
  if (raw === undefined) return undefined
  const value = raw.trim()
  if (field.type === 'number') {
    const number = parseNumber(value)
    return Number.isFinite(number) ? number : value
  }
  return value === '' ? undefined : value
}

/** Every answer typed, for conditions to read. */
function typedAnswers(definition: ServiceDefinition, draft: Draft): Record<string, unknown> {
  const answers: Record<string, unknown> = {}
  for (const field of definition.pages.flatMap((p) => p.fields)) {
    const value = typed(field, draft[field.id])
    if (value !== undefined) answers[field.id] = value
  }
  return answers
}

/**
 * Whether a condition holds: on the phone when it reads only the answers, else as the
 * server found it when the form was opened (it listed the fields then asked).
 */
function holds(condition: unknown, answers: Record<string, unknown>, askedByServer: () => boolean): boolean {
  if (condition === undefined) return true
  if (readsOnlyAnswers(condition)) return truthy(applyCondition(condition, { answers }))
  return askedByServer()
}

/** The pages asked now, given the answers so far, each with its questions and known facts; empty pages left out. */
export function shownPages(definition: ServiceDefinition, form: ServiceForm, draft: Draft): ShownPage[] {
  const answers = typedAnswers(definition, draft)
  const asked = new Set(form.fields)
  return definition.pages.flatMap((page) => {
    if (!holds(page.condition, answers, () => page.fields.some((f) => asked.has(f.id)))) return []
    const fields = page.fields.filter((field) => holds(field.condition, answers, () => asked.has(field.id)))
    const known = fields.flatMap((field) => {
      const value = field.prefill ? form.prefilled[field.id] : undefined
      return hasValue(value) ? [{ field, value }] : []
    })
    const questions = fields.filter((field) => !known.some((k) => k.field === field))
    return fields.length > 0 ? [{ page, questions, known }] : []
  })
}

/** The pages with something to answer: those holding only known facts are shown before, not stepped through. */
export function questionPages(pages: ShownPage[]): ShownPage[] {
  return pages.filter((p) => p.questions.length > 0)
}

/** The problems of one page's answers, by field id, in the page's order. */
export function checkPage(page: ShownPage, draft: Draft): Array<{ field: ServiceField; problem: AnswerProblem }> {
  return page.questions.flatMap((field) => {
    const problem = checkAnswer(field, draft[field.id])
    return problem ? [{ field, problem }] : []
  })
}

/**
 * The answers to submit: every question asked now, typed; unasked and prefilled fields
 * are left out (the server reads the registries for those whatever is sent).
 */
export function answersToSend(pages: ShownPage[], draft: Draft): Record<string, unknown> {
  const answers: Record<string, unknown> = {}
  for (const field of pages.flatMap((p) => p.questions)) {
    const value = typed(field, draft[field.id])
    if (value !== undefined) answers[field.id] = value
  }
  return answers
}
