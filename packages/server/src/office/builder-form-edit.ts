/**
 * A builder form's fields read as the `DefinitionEdit` it asks for, and the place of the
 * form, where a refusal is said. The visual editor's comparisons become JSON Logic here,
 * each value typed as its question answers (a number, a yes or no); a raw rule that is
 * not JSON is refused at the form's rule.
 */
import { PolisError } from '@polis/kernel'
import { type Comparison, comparable, comparisonOperators, ruleOfComparisons } from '@polis/services'
import { languages } from './builder-html.ts'
import { questionPlace } from './builder-question-forms.ts'

type Form = Record<string, unknown>

const string = (form: Form, name: string) => {
  const value = form[name]
  return typeof value === 'string' ? value : ''
}
const text3 = (form: Form, prefix: string) =>
  Object.fromEntries(languages.map((l) => [l, string(form, `${prefix}_${l}`).trim()]))
/** Three empty languages: none (no help, the platform's own message). */
const maybeText3 = (form: Form, prefix: string) => {
  const text = text3(form, prefix)
  return Object.values(text).every((v) => v === '') ? '' : text
}
/** A number typed (a comma or a point for decimals); empty: null; not a number: NaN, refused by the schema. */
const numberOrNull = (form: Form, name: string) => {
  const raw = string(form, name).trim()
  return raw === '' ? null : Number(raw.replace(',', '.'))
}
const indexOf = (form: Form) => Number(string(form, 'index'))
/** Boxes ticked under one name: none, one (a string) or several. */
const list = (form: Form, name: string) => {
  const value = form[name]
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []
}

const yes = ['yes', 'true', 'так', 'jah']
const no = ['no', 'false', 'ні', 'ei']

const refuseRule = (why: string) => new PolisError('ERR_BUILDER_EDIT', { detail: `rule: ${why}`, field: 'rule' })

type DraftQuestions = Array<{ id: string; type?: string; options?: Array<{ value: string }> }>

/** The rule a form gives: its JSON Logic, or its comparisons written as JSON Logic. */
function ruleOf(form: Form, questions: DraftQuestions): unknown {
  if (string(form, 'mode') === 'raw') {
    try {
      return JSON.parse(string(form, 'rule'))
    } catch (error) {
      throw refuseRule(`not JSON (${(error as Error).message})`)
    }
  }
  const comparisons: Comparison[] = []
  for (let i = 0; i < 10; i++) {
    const left = string(form, `left_${i}`)
    if (left === '') continue
    const op = comparisonOperators.find((o) => o === string(form, `op_${i}`))
    if (!comparable.test(left) || !op) throw refuseRule(`comparison ${i + 1} is not one the visual editor writes`)
    const raw = string(form, `value_${i}`).trim()
    const question = questions.find((q) => `answers.${q.id}` === left)
    const kind = left === 'applicant.age' ? 'number' : question?.type
    let value: Comparison['value'] = raw
    if (kind === 'number') {
      value = Number(raw.replace(',', '.'))
      if (raw === '' || !Number.isFinite(value))
        throw refuseRule(`comparison ${i + 1}: ${raw || '(empty)'} is not a number`)
    }
    if (kind === 'boolean') {
      // Yes or no in any of the office's languages.
      const word = raw.toLowerCase()
      if (![...yes, ...no].includes(word)) throw refuseRule(`comparison ${i + 1}: yes or no`)
      value = yes.includes(word)
    }
    // A choice is compared with one of its options' values, as the answer keeps it.
    const options = (question?.options ?? []).map((o) => o.value)
    if (kind === 'select' && !options.includes(raw))
      throw refuseRule(
        `comparison ${i + 1}: ${raw || '(empty)'} is not a choice of ${question?.id} (${options.join(', ')})`,
      )
    comparisons.push({ left, op, value })
  }
  if (comparisons.length === 0) throw refuseRule('no comparison: choose what is compared')
  return ruleOfComparisons({ join: string(form, 'join') === 'any' ? 'any' : 'all', comparisons })
}

/** The edit a builder form asks for, as `DefinitionEdit` reads it (which checks it). */
export function editOf(form: Form, questions: DraftQuestions): unknown {
  const action = string(form, 'action')
  const page = string(form, 'page')
  const field = string(form, 'field')
  const question = { page, field }
  switch (action) {
    case 'add-page':
      return { action, id: string(form, 'id').trim(), title: text3(form, 'title') }
    case 'remove-page':
      return { action, page }
    case 'add-field':
      return {
        action,
        page,
        id: string(form, 'id').trim(),
        type: string(form, 'type'),
        label: text3(form, 'label'),
        required: form.required === 'yes',
      }
    case 'remove-field':
      return { action, ...question }
    case 'set-page-title':
      return { action, page, title: text3(form, 'title') }
    case 'set-label':
      return { action, ...question, label: text3(form, 'label') }
    case 'set-basics':
      return { action, name: text3(form, 'name'), summary: text3(form, 'summary'), category: string(form, 'category') }
    case 'set-prefill':
      return { action, ...question, prefill: string(form, 'prefill') }
    case 'set-condition': {
      const [id, is] = string(form, 'when').split(':')
      return { action, page, when: id ? { field: id, is: is === 'yes' } : '' }
    }
    case 'set-fee':
      // Typed in hryvnias (a comma or a point for the kopiykas), kept in kopiykas.
      return {
        action,
        amount: Math.round(Number(string(form, 'amount').trim().replace(',', '.')) * 100),
        currency: string(form, 'currency'),
      }
    case 'set-permit':
      return { action, title: maybeText3(form, 'permit') }
    case 'set-decision':
      return { action, by: string(form, 'by'), deadlineDays: Number(string(form, 'deadlineDays') || '30') }
    case 'move-field':
      return { action, ...question, by: Number(string(form, 'by')) }
    case 'add-option':
    case 'set-option':
      return { action, ...question, value: string(form, 'value').trim(), label: text3(form, 'label') }
    case 'remove-option':
      return { action, ...question, value: string(form, 'value') }
    case 'move-option':
      return { action, ...question, value: string(form, 'value'), by: Number(string(form, 'by')) }
    case 'set-limits':
      return {
        action,
        ...question,
        help: maybeText3(form, 'help'),
        required: form.required === 'yes',
        minLength: numberOrNull(form, 'minLength'),
        maxLength: numberOrNull(form, 'maxLength'),
        min: numberOrNull(form, 'min'),
        max: numberOrNull(form, 'max'),
        pattern: string(form, 'pattern').trim(),
      }
    case 'set-file': {
      const accept = form.accept
      const megabytes = numberOrNull(form, 'megabytes')
      return {
        action,
        ...question,
        accept: Array.isArray(accept) ? accept : typeof accept === 'string' ? [accept] : [],
        maxBytes: megabytes === null ? Number.NaN : Math.round(megabytes * 1024 * 1024),
      }
    }
    case 'add-eligibility':
      return { action, rule: ruleOf(form, questions), message: text3(form, 'message') }
    case 'set-eligibility':
      return { action, index: indexOf(form), rule: ruleOf(form, questions), message: text3(form, 'message') }
    case 'add-decision-rule':
      return { action, when: ruleOf(form, questions), outcome: string(form, 'outcome'), reason: text3(form, 'reason') }
    case 'set-decision-rule':
      return {
        action,
        index: indexOf(form),
        when: ruleOf(form, questions),
        outcome: string(form, 'outcome'),
        reason: text3(form, 'reason'),
      }
    case 'remove-eligibility':
    case 'remove-decision-rule':
      return { action, index: indexOf(form) }
    case 'move-decision-rule':
      return { action, index: indexOf(form), by: Number(string(form, 'by')) }
    case 'set-otherwise':
      return { action, otherwise: string(form, 'otherwise') }
    case 'set-notification':
      return { action, at: string(form, 'at'), text: maybeText3(form, 'text') }
    case 'add-stage':
      return {
        action,
        id: string(form, 'id').trim(),
        name: text3(form, 'name'),
        role: string(form, 'role'),
        after: list(form, 'after'),
      }
    case 'set-stage':
      return {
        action,
        stage: string(form, 'stage'),
        name: text3(form, 'name'),
        role: string(form, 'role'),
        after: list(form, 'after'),
      }
    case 'move-stage':
      return { action, stage: string(form, 'stage'), by: Number(string(form, 'by')) }
    case 'remove-stage':
      return { action, stage: string(form, 'stage') }
    default:
      return { action }
  }
}

/** Where a form's refusal is said: its section, page or question (as the page names them). */
export function placeOf(form: Form): string {
  const action = string(form, 'action')
  const page = string(form, 'page')
  const field = string(form, 'field')
  const index = string(form, 'index')
  const fixed: Record<string, string> = {
    'add-page': '',
    'set-basics': 'about',
    'set-fee': 'fee',
    'set-decision': 'decides',
    'set-permit': 'permit',
    'set-otherwise': 'otherwise',
    'add-eligibility': 'eligibility:new',
    'set-eligibility': `eligibility:${index}`,
    'remove-eligibility': 'eligibility',
    'add-decision-rule': 'decision:new',
    'set-decision-rule': `decision:${index}`,
    'remove-decision-rule': 'decision',
    'move-decision-rule': 'decision',
    'set-notification': `notify:${string(form, 'at')}`,
    'add-stage': 'stages:new',
    'set-stage': `stages:${string(form, 'stage')}`,
    'move-stage': 'stages',
    'remove-stage': 'stages',
  }
  const ofQuestion: Record<string, string> = {
    'add-option': 'options',
    'set-option': 'options',
    'remove-option': 'options',
    'move-option': 'options',
    'set-limits': 'limits',
    'set-file': 'file',
  }
  const form_ = ofQuestion[action]
  if (form_) return questionPlace(page, field, form_)
  return fixed[action] ?? page
}
