/**
 * The service builder's edits of a draft definition, as data: pages and questions (a
 * choice's options, help and limits, a file's kinds), what the service is, its rules,
 * fee, decision, result and messages. Each works on the draft's JSON as it stands (a
 * draft may be unfinished: a new page has no question yet), answers a new copy, and
 * refuses what would make two pages or two questions share an id, name one that is not
 * there, or hold a rule the engine would not run, with ERR_BUILDER_EDIT and the place.
 */
import { z } from 'zod'
import { attachmentTypes, categories, type fieldTypes } from './definition.ts'
import { type DraftPage, fieldOf, identifier, moved, pageOf, refuse, Text } from './draft-edit-parts.ts'
import { editQuestion, QuestionEdit } from './edit-question.ts'
import { editRules, RuleEdit } from './edit-rules.ts'
import { editStages, StageEdit } from './edit-stages.ts'

/** The kinds of question the builder asks for; payable items (read from a register) are written in the JSON. */
export const builderFieldTypes = [
  'text',
  'textarea',
  'date',
  'number',
  'email',
  'phone',
  'boolean',
  'select',
  'file',
] as const satisfies ReadonlyArray<(typeof fieldTypes)[number]>

/**
 * What the registers can fill in, as the builder offers it: a path in the applicant's
 * person record (`person.address.formatted`), shown to the citizen, never typed.
 */
export const prefillSources = [
  'person.family_name',
  'person.given_name',
  'person.patronymic',
  'person.birth_date',
  'person.tax_number',
  'person.personal_administrative_number',
  'person.address.formatted',
  'person.address.locality',
  'person.address.region',
] as const

export const DefinitionEdit = z.discriminatedUnion('action', [
  z.object({ action: z.literal('set-basics'), name: Text, summary: Text, category: z.enum(categories) }).strict(),
  z
    .object({
      action: z.literal('set-prefill'),
      page: identifier,
      field: identifier,
      /** Empty: typed by the citizen again. */
      prefill: z.union([z.enum(prefillSources), z.literal('')]),
    })
    .strict(),
  z
    .object({
      action: z.literal('set-condition'),
      page: identifier,
      /** The page is asked only when this yes-or-no question was answered so; empty: always. */
      when: z.union([z.object({ field: identifier, is: z.boolean() }).strict(), z.literal('')]),
    })
    .strict(),
  z
    .object({
      action: z.literal('set-fee'),
      /** In minor units (kopiykas); 0: no fee. */
      amount: z.number().int().min(0).max(100_000_000),
      currency: z.enum(['UAH', 'EUR']),
    })
    .strict(),
  z
    .object({
      action: z.literal('set-permit'),
      /** The PDF's title; empty: no permit. */
      title: z.union([Text, z.literal('')]),
    })
    .strict(),
  z
    .object({
      action: z.literal('set-decision'),
      by: z.enum(['official', 'rules']),
      deadlineDays: z.number().int().min(1).max(365),
    })
    .strict(),
  z.object({ action: z.literal('add-page'), id: identifier, title: Text }).strict(),
  z.object({ action: z.literal('remove-page'), page: identifier }).strict(),
  z.object({ action: z.literal('set-page-title'), page: identifier, title: Text }).strict(),
  z.object({ action: z.literal('set-label'), page: identifier, field: identifier, label: Text }).strict(),
  z
    .object({
      action: z.literal('add-field'),
      page: identifier,
      id: identifier,
      type: z.enum(builderFieldTypes),
      label: Text,
      help: Text.optional(),
      required: z.boolean(),
    })
    .strict(),
  z.object({ action: z.literal('remove-field'), page: identifier, field: identifier }).strict(),
  z
    .object({
      action: z.literal('move-field'),
      page: identifier,
      field: identifier,
      by: z.union([z.literal(-1), z.literal(1)]),
    })
    .strict(),
  ...QuestionEdit,
  ...RuleEdit,
  ...StageEdit,
])
export type DefinitionEdit = z.infer<typeof DefinitionEdit>

/** The draft with the edit made; the draft itself is not changed. */
export function editDefinition(draft: unknown, edit: DefinitionEdit): Record<string, unknown> {
  const definition = structuredClone((draft ?? {}) as Record<string, unknown>)
  const pages = (Array.isArray(definition.pages) ? definition.pages : []) as DraftPage[]
  definition.pages = pages
  const pageAt = (id: string) => pageOf(pages, id)
  const fieldAt = fieldOf
  switch (edit.action) {
    case 'set-basics': {
      definition.name = edit.name
      definition.summary = edit.summary
      definition.category = edit.category
      break
    }
    case 'set-page-title': {
      pageAt(edit.page).title = edit.title
      break
    }
    case 'set-label': {
      fieldAt(pageAt(edit.page), edit.field).label = edit.label
      break
    }
    case 'set-prefill': {
      const field = fieldAt(pageAt(edit.page), edit.field)
      if (edit.prefill === '') delete field.prefill
      else field.prefill = edit.prefill
      break
    }
    case 'set-condition': {
      const page = pageAt(edit.page)
      if (edit.when === '') {
        delete page.condition
        break
      }
      const { field: id, is } = edit.when
      const asked = pages.slice(0, pages.indexOf(page)).flatMap((p) => p.fields ?? [])
      const field = asked.find((f) => f.id === id)
      // The answer must be given before the page it decides: on an earlier page, a yes or no.
      if (!field) throw refuse('when', `no yes-or-no question ${id} before this page`)
      if (field.type !== 'boolean') throw refuse('when', `${id} is not a yes-or-no question`)
      page.condition = { '==': [{ var: `answers.${id}` }, is] }
      break
    }
    case 'set-fee': {
      if (edit.amount === 0) delete definition.fee
      else definition.fee = { amount: edit.amount, currency: edit.currency }
      break
    }
    case 'set-permit': {
      // A PDF sealed by the platform: the holder, then every question of the service beside its answer.
      const others = (Array.isArray(definition.outputs) ? definition.outputs : []).filter(
        (o) => (o as { type?: unknown }).type !== 'certificate',
      )
      const questions = pages.flatMap((p) => (p.fields ?? []).map((f) => f.id)).slice(0, 20)
      definition.outputs =
        edit.title === ''
          ? others
          : [
              ...others,
              {
                type: 'certificate',
                fileName: String(definition.code ?? 'permit'),
                title: edit.title,
                sections: [{ heading: edit.title, answers: questions }],
              },
            ]
      break
    }
    case 'set-decision': {
      // Choosing the rules again keeps the rules written.
      const before = definition.decision as { by?: unknown; stages?: unknown } | undefined
      // Choosing an official again, or another deadline, keeps the stages written.
      const stages = before?.by === 'official' && Array.isArray(before.stages) ? { stages: before.stages } : {}
      if (edit.by === 'official') definition.decision = { by: 'official', deadlineDays: edit.deadlineDays, ...stages }
      else if (before?.by !== 'rules') definition.decision = { by: 'rules', rules: [], otherwise: 'approve' }
      break
    }
    case 'add-page': {
      if (pages.some((p) => p.id === edit.id)) throw refuse('id', `a page ${edit.id} is there already`)
      pages.push({ id: edit.id, title: edit.title, fields: [] })
      break
    }
    case 'remove-page': {
      pageAt(edit.page)
      definition.pages = pages.filter((p) => p.id !== edit.page)
      break
    }
    case 'add-field': {
      const page = pageAt(edit.page)
      const taken = pages.some((p) => (p.fields ?? []).some((f) => f.id === edit.id))
      if (taken) throw refuse('id', `a question ${edit.id} is there already`)
      page.fields = [
        ...(page.fields ?? []),
        {
          id: edit.id,
          type: edit.type,
          label: edit.label,
          ...(edit.help ? { help: edit.help } : {}),
          required: edit.required,
          // A file question takes every kind until the designer says otherwise; a choice's options come next.
          ...(edit.type === 'file' ? { accept: [...attachmentTypes] } : {}),
        },
      ]
      break
    }
    case 'remove-field': {
      const page = pageAt(edit.page)
      if (!(page.fields ?? []).some((f) => f.id === edit.field)) throw refuse('field', `no question ${edit.field}`)
      page.fields = page.fields.filter((f) => f.id !== edit.field)
      break
    }
    case 'move-field': {
      const page = pageAt(edit.page)
      const fields = page.fields ?? []
      const from = fields.findIndex((f) => f.id === edit.field)
      if (from < 0) throw refuse('field', `no question ${edit.field}`)
      page.fields = moved(fields, from, edit.by)
      break
    }
    case 'add-option':
    case 'set-option':
    case 'remove-option':
    case 'move-option':
    case 'set-limits':
    case 'set-file': {
      editQuestion(pages, edit)
      break
    }
    case 'add-stage':
    case 'set-stage':
    case 'move-stage':
    case 'remove-stage': {
      editStages(definition, edit)
      break
    }
    default: {
      editRules(definition, pages, edit)
    }
  }
  return definition
}
