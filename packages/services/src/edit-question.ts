/**
 * The builder's edits of one question: a choice question's options (added, reworded,
 * moved, removed), its help text and limits, and what a file question takes. Each is
 * refused at the place of the form's control that is wrong.
 */
import { z } from 'zod'
import { attachmentTypes, largestMaxBytes } from './definition.ts'
import {
  type DraftField,
  type DraftPage,
  fieldOf,
  identifier,
  moved,
  pageOf,
  refuse,
  Text,
} from './draft-edit-parts.ts'

/** An option's value as the answer keeps it: short, no spaces (`market`, `18-plus`). */
const optionValue = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/)
const question = { page: identifier, field: identifier }
const limit = (low: number, high: number) => z.number().int().min(low).max(high).nullable()

export const QuestionEdit = [
  z.object({ action: z.literal('add-option'), ...question, value: optionValue, label: Text }).strict(),
  z.object({ action: z.literal('set-option'), ...question, value: optionValue, label: Text }).strict(),
  z.object({ action: z.literal('remove-option'), ...question, value: optionValue }).strict(),
  z
    .object({
      action: z.literal('move-option'),
      ...question,
      value: optionValue,
      by: z.union([z.literal(-1), z.literal(1)]),
    })
    .strict(),
  z
    .object({
      action: z.literal('set-limits'),
      ...question,
      /** Empty: no help under the question. */
      help: z.union([Text, z.literal('')]),
      required: z.boolean(),
      /** Null: no limit (a text's longest is then 500 characters). */
      minLength: limit(0, 10_000),
      maxLength: limit(1, 10_000),
      min: z.number().finite().nullable(),
      max: z.number().finite().nullable(),
      /** A regular expression the whole answer must match; empty: none. */
      pattern: z.string().max(200),
    })
    .strict(),
  z
    .object({
      action: z.literal('set-file'),
      ...question,
      accept: z.array(z.enum(attachmentTypes)).min(1).max(attachmentTypes.length),
      maxBytes: z.number().int().min(1).max(largestMaxBytes),
    })
    .strict(),
] as const

type QuestionEditOf = z.infer<(typeof QuestionEdit)[number]>

/** The kinds of question a typed answer's length and pattern apply to (as the engine checks them). */
const typedText = new Set(['text', 'textarea', 'email', 'phone'])

/** Sets a property, or removes it when the value is null or empty. */
function put(field: DraftField, name: string, value: unknown): void {
  if (value === null || value === '' || value === undefined) delete field[name]
  else field[name] = value
}

/** The question edited in place (the caller works on its own copy of the draft). */
export function editQuestion(pages: DraftPage[], edit: QuestionEditOf): void {
  const field = fieldOf(pageOf(pages, edit.page), edit.field)
  const options = Array.isArray(field.options) ? (field.options as Array<{ value: string; label: Text }>) : []
  const at = options.findIndex((o) => 'value' in edit && o.value === edit.value)
  const choice = () => {
    if (field.type !== 'select') throw refuse('field', `${edit.field} is not a choice question`)
    if (at < 0) throw refuse('value', `no choice ${'value' in edit ? edit.value : ''}`)
  }
  switch (edit.action) {
    case 'add-option': {
      if (field.type !== 'select') throw refuse('field', `${edit.field} is not a choice question`)
      if (at >= 0) throw refuse('value', `a choice ${edit.value} is there already`)
      field.options = [...options, { value: edit.value, label: edit.label }]
      return
    }
    case 'set-option': {
      choice()
      field.options = options.map((o, i) => (i === at ? { ...o, label: edit.label } : o))
      return
    }
    case 'remove-option': {
      choice()
      const rest = options.filter((_, i) => i !== at)
      // A select without options is still a draft's, said before publishing: never an empty list.
      put(field, 'options', rest.length > 0 ? rest : null)
      return
    }
    case 'move-option': {
      choice()
      field.options = moved(options, at, edit.by)
      return
    }
    case 'set-limits': {
      const type = String(field.type)
      const lengths = edit.minLength !== null || edit.maxLength !== null
      if (lengths && !typedText.has(type)) throw refuse('minLength', 'only a typed text has a length')
      if (edit.minLength !== null && edit.maxLength !== null && edit.minLength > edit.maxLength)
        throw refuse('maxLength', `the longest (${edit.maxLength}) is shorter than the shortest (${edit.minLength})`)
      if ((edit.min !== null || edit.max !== null) && type !== 'number')
        throw refuse('min', 'only a number has a least and a most')
      if (edit.min !== null && edit.max !== null && edit.min > edit.max)
        throw refuse('max', `the most (${edit.max}) is less than the least (${edit.min})`)
      if (edit.pattern !== '') {
        if (!typedText.has(type)) throw refuse('pattern', 'only a typed text has a pattern')
        try {
          // As the engine applies it: the whole answer must match.
          new RegExp(`^(?:${edit.pattern})$`, 'u')
        } catch (error) {
          throw refuse('pattern', `not a regular expression (${(error as Error).message.replace(/^.*: /, '')})`)
        }
      }
      put(field, 'help', edit.help)
      field.required = edit.required
      put(field, 'minLength', edit.minLength)
      put(field, 'maxLength', edit.maxLength)
      put(field, 'min', edit.min)
      put(field, 'max', edit.max)
      put(field, 'pattern', edit.pattern)
      return
    }
    case 'set-file': {
      if (field.type !== 'file') throw refuse('field', `${edit.field} is not a file question`)
      if (new Set(edit.accept).size !== edit.accept.length) throw refuse('accept', 'a kind of file is named twice')
      field.accept = edit.accept
      field.maxBytes = edit.maxBytes
      return
    }
  }
}
