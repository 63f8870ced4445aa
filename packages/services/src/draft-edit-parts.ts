/**
 * What the builder's edits share: identifiers and texts as a form gives them, a draft's
 * pages and questions as the JSON stands (a draft need not validate yet), and the
 * refusal of an edit at its place (ERR_BUILDER_EDIT).
 */
import { PolisError } from '@polis/kernel'
import { z } from 'zod'

export const identifier = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/)
const Words = z.string().trim().min(1).max(500)
/** A text in the three languages, none of them blank. */
export const Text = z.object({ uk: Words, en: Words, et: Words }).strict()
export type Text = z.infer<typeof Text>

export type DraftField = { id: string } & Record<string, unknown>
export interface DraftPage {
  id: string
  fields: DraftField[]
  [key: string]: unknown
}

/** ERR_BUILDER_EDIT at the place of the form that asked (`field` names the control, never its content). */
export const refuse = (where: string, why: string) =>
  new PolisError('ERR_BUILDER_EDIT', { detail: `${where}: ${why}`, field: where })

/** The page of that id, or the refusal at `page`. */
export function pageOf(pages: DraftPage[], id: string): DraftPage {
  const page = pages.find((p) => p.id === id)
  if (!page) throw refuse('page', `no page ${id}`)
  return page
}

/** The question of that id on the page, or the refusal at `field`. */
export function fieldOf(page: DraftPage, id: string): DraftField {
  const field = (page.fields ?? []).find((f) => f.id === id)
  if (!field) throw refuse('field', `no question ${id}`)
  return field
}

/** The list moved one place up (-1) or down (1) at `from`; at either end, as it was. */
export function moved<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const next = [...list]
  const to = from + by
  if (from >= 0 && to >= 0 && to < next.length) [next[from], next[to]] = [next[to] as T, next[from] as T]
  return next
}
