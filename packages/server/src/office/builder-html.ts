/**
 * The pieces of the builder's forms: every form carries the revision the page was read
 * at, and a refused change is said at the form that made it (its `at`), that form open
 * and holding what the designer typed.
 */
import type { Language } from '@polis/kernel'
import { escapeHtml } from '@polis/ui/server-page'
import type { BuilderTexts } from './office-builder-texts.ts'

export const languages = ['uk', 'en', 'et'] as const

/** A refused change: what is wrong, the place of the form that asked (`q:page:field:limits`), and its fields. */
export interface BuilderProblem {
  message: string
  at?: string | undefined
  form?: Record<string, unknown> | undefined
}

export interface BuilderView {
  t: BuilderTexts
  language: Language
  revision: number
  problem?: BuilderProblem | undefined
  /** The place of the form just saved, open again to go on there (a choice after another). */
  open?: string | undefined
}

export const say = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole))

export const hidden = (fields: Record<string, string | number>) =>
  Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(String(value))}">`)
    .join('')

/** A one-button form (move, remove), its label naming what it acts on. */
export const small = (view: BuilderView, label: string, fields: Record<string, string | number>) =>
  `<form method="post" class="inline">${hidden({ revision: view.revision, ...fields })}<button class="link" type="submit">${escapeHtml(label)}</button></form>`

/** The refusal, when it is this form's. */
export const alertAt = (view: BuilderView, at: string | undefined, id?: string) =>
  view.problem && view.problem.at === at
    ? `<p class="bad" role="alert"${id ? ` id="${id}"` : ''}>${escapeHtml(view.problem.message)}</p>`
    : ''

/** ` open` for the <details> holding the refused form, so its problem is seen. */
export const openAt = (view: BuilderView, at: string) => (view.problem?.at === at ? ' open' : '')

/** The id a form's place is found at (the page goes back there after a save). */
export const anchorOf = (at: string) => `at-${at.replace(/[^a-z0-9_-]/g, '-')}`

/** A question's <details>: found by its place, open when refused or just saved. */
export const detailsAt = (view: BuilderView, at: string) =>
  ` id="${anchorOf(at)}"${view.problem?.at === at || (view.problem === undefined && view.open === at) ? ' open' : ''}`

/** What the designer typed into the refused form, else the draft's value. */
export function typed(view: BuilderView, at: string, name: string, fallback: string): string {
  const value = view.problem?.at === at ? view.problem.form?.[name] : undefined
  return typeof value === 'string' ? value : fallback
}

export const option = (value: string, label: string, chosen: boolean) =>
  `<option value="${escapeHtml(value)}"${chosen ? ' selected' : ''}>${escapeHtml(label)}</option>`

/** One text input per language, named `<prefix>_<language>`. */
export function threeInputs(
  view: BuilderView,
  options: { prefix: string; label: string; key: string; at?: string; values?: Partial<Record<Language, string>> },
): string {
  const { prefix, label, key, at, values } = options
  return languages
    .map((l) => {
      const value = at === undefined ? (values?.[l] ?? '') : typed(view, at, `${prefix}_${l}`, values?.[l] ?? '')
      return `<label for="${key}-${prefix}-${l}">${escapeHtml(label)} (${l.toUpperCase()})</label><input id="${key}-${prefix}-${l}" name="${prefix}_${l}" type="text" maxlength="500" lang="${l}" value="${escapeHtml(value)}">`
    })
    .join('\n')
}
