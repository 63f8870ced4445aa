/**
 * The service builder's edits of a draft definition, as data: add or remove a page, add,
 * remove or move a question. Each works on the draft's JSON as it stands (a draft may be
 * unfinished: a new page has no question yet), answers a new copy, and refuses what
 * would make two pages or two questions share an id, or name one that is not there, with
 * ERR_BUILDER_EDIT and the place.
 */
import { PolisError } from '@polis/kernel'
import { z } from 'zod'
import type { fieldTypes } from './definition.ts'

const identifier = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/)
const Words = z.string().trim().min(1).max(500)
const Text = z.object({ uk: Words, en: Words, et: Words }).strict()

/** The kinds of question the builder asks for by itself; choices, files and payable items come later. */
export const builderFieldTypes = [
  'text',
  'textarea',
  'date',
  'number',
  'email',
  'phone',
  'boolean',
] as const satisfies ReadonlyArray<(typeof fieldTypes)[number]>

export const DefinitionEdit = z.discriminatedUnion('action', [
  z.object({ action: z.literal('add-page'), id: identifier, title: Text }).strict(),
  z.object({ action: z.literal('remove-page'), page: identifier }).strict(),
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
])
export type DefinitionEdit = z.infer<typeof DefinitionEdit>

interface DraftPage {
  id: string
  fields: Array<{ id: string } & Record<string, unknown>>
  [key: string]: unknown
}

const refuse = (where: string, why: string) =>
  new PolisError('ERR_BUILDER_EDIT', { detail: `${where}: ${why}`, field: where })

/** The draft with the edit made; the draft itself is not changed. */
export function editDefinition(draft: unknown, edit: DefinitionEdit): Record<string, unknown> {
  const definition = structuredClone((draft ?? {}) as Record<string, unknown>)
  const pages = (Array.isArray(definition.pages) ? definition.pages : []) as DraftPage[]
  definition.pages = pages
  const pageAt = (id: string) => {
    const index = pages.findIndex((p) => p.id === id)
    if (index < 0) throw refuse('page', `no page ${id}`)
    return pages[index] as DraftPage
  }
  switch (edit.action) {
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
      const fields = [...(page.fields ?? [])]
      const from = fields.findIndex((f) => f.id === edit.field)
      if (from < 0) throw refuse('field', `no question ${edit.field}`)
      const to = from + edit.by
      if (to >= 0 && to < fields.length)
        [fields[from], fields[to]] = [
          fields[to] as DraftPage['fields'][number],
          fields[from] as DraftPage['fields'][number],
        ]
      page.fields = fields
      break
    }
  }
  return definition
}
