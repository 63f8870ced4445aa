/**
 * The builder's forms for one question beyond its words: a choice question's options
 * (added, reworded, moved, removed), its help and limits, and the files a file question
 * takes. Each refusal is said inside the form that made it.
 */
import type { Language } from '@polis/kernel'
import { attachmentTypes, defaultMaxBytes } from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'
import { alertAt, type BuilderView, detailsAt, hidden, small, threeInputs, typed } from './builder-html.ts'

type Words = Partial<Record<Language, string>>

/** A question as the draft holds it (a draft need not validate yet). */
export interface DraftQuestion {
  id: string
  type?: string
  required?: boolean
  label?: Words
  help?: Words
  options?: Array<{ value: string; label?: Words }>
  minLength?: number
  maxLength?: number
  min?: number
  max?: number
  pattern?: string
  accept?: string[]
  maxBytes?: number
}

const typedText = new Set(['text', 'textarea', 'email', 'phone'])

/** The place of a question's form, as the server names a refusal's place. */
export const questionPlace = (page: string, field: string, form: string) => `q:${page}:${field}:${form}`

export function questionForms(view: BuilderView, options: { page: string; field: DraftQuestion; key: string }): string {
  const { page, field, key } = options
  const { t, language } = view
  const label = field.label?.[language] || field.id
  const base = { page, field: field.id }
  const at = (form: string) => questionPlace(page, field.id, form)
  const parts: string[] = []

  if (field.type === 'select') {
    const choices = field.options ?? []
    const place = at('options')
    const rows = choices
      .map((o, i) => {
        const words = o.label?.[language] || o.value
        const which = { ...base, value: o.value }
        return `<li>${escapeHtml(words)} <code>${escapeHtml(o.value)}</code> ${i > 0 ? small(view, `${t.up}: ${words}`, { action: 'move-option', ...which, by: -1 }) : ''} ${i < choices.length - 1 ? small(view, `${t.down}: ${words}`, { action: 'move-option', ...which, by: 1 }) : ''} ${small(view, `${t.remove}: ${words}`, { action: 'remove-option', ...which })}
<details><summary>${t.reword}: ${escapeHtml(words)}</summary><form method="post" novalidate>${hidden({ revision: view.revision, action: 'set-option', ...which })}
${threeInputs(view, { prefix: 'label', label: t.choiceLabel, key: `${key}-o${i}`, values: o.label ?? {} })}
<button class="secondary" type="submit">${t.save}</button></form></details></li>`
      })
      .join('')
    parts.push(`<details${detailsAt(view, place)}><summary>${t.choices}: ${escapeHtml(label)} (${choices.length})</summary>
${alertAt(view, place)}
${rows ? `<ol>${rows}</ol>` : `<p class="muted">${t.noChoices}</p>`}
<form method="post" novalidate>${hidden({ revision: view.revision, action: 'add-option', ...base })}
<label for="${key}-new-value">${t.choiceValue}</label><input id="${key}-new-value" name="value" type="text" maxlength="40" autocomplete="off" value="${escapeHtml(typed(view, place, 'value', ''))}">
${threeInputs(view, { prefix: 'label', label: t.newChoice, key: `${key}-new`, at: place })}
<button class="secondary" type="submit">${t.addChoice}</button></form></details>`)
  }

  if (field.type !== 'boolean') {
    const place = at('limits')
    const number = (name: 'minLength' | 'maxLength' | 'min' | 'max', words: string) =>
      `<label for="${key}-${name}">${escapeHtml(words)}</label><input id="${key}-${name}" name="${name}" type="text" inputmode="numeric" value="${escapeHtml(typed(view, place, name, field[name] === undefined ? '' : String(field[name])))}">`
    const required = typed(view, place, 'required', field.required === false ? '' : 'yes') === 'yes'
    const text = typedText.has(field.type ?? '')
    parts.push(`<details${detailsAt(view, place)}><summary>${t.limits}: ${escapeHtml(label)}</summary><form method="post" novalidate>${hidden({ revision: view.revision, action: 'set-limits', ...base })}
${alertAt(view, place, `${key}-limits-problem`)}
${threeInputs(view, { prefix: 'help', label: t.help, key, at: place, values: field.help ?? {} })}
<label class="choice"><input type="checkbox" name="required" value="yes"${required ? ' checked' : ''}> ${t.requiredBox}</label>
${text ? `${number('minLength', t.minLength)}${number('maxLength', t.maxLength)}<label for="${key}-pattern">${t.pattern}</label><input id="${key}-pattern" name="pattern" type="text" maxlength="200" autocomplete="off" spellcheck="false" value="${escapeHtml(typed(view, place, 'pattern', field.pattern ?? ''))}"${view.problem?.at === place ? ` aria-describedby="${key}-limits-problem"` : ''}>` : ''}
${field.type === 'number' ? `${number('min', t.min)}${number('max', t.max)}` : ''}
<button class="secondary" type="submit">${t.save}</button></form></details>`)
  }

  if (field.type === 'file') {
    const place = at('file')
    // The kinds the designer ticked, when their form was refused; else the draft's.
    const ticked = view.problem?.at === place ? view.problem.form?.accept : undefined
    const accepted = new Set(
      view.problem?.at === place ? (Array.isArray(ticked) ? ticked : ticked ? [ticked] : []) : (field.accept ?? []),
    )
    const megabytes = ((field.maxBytes ?? defaultMaxBytes) / 1024 / 1024).toString()
    parts.push(`<details${detailsAt(view, place)}><summary>${t.files}: ${escapeHtml(label)}</summary><form method="post" novalidate>${hidden({ revision: view.revision, action: 'set-file', ...base })}
${alertAt(view, place)}
<fieldset><legend>${t.files}</legend>${attachmentTypes.map((kind) => `<label class="choice"><input type="checkbox" name="accept" value="${kind}"${accepted.has(kind) ? ' checked' : ''}> ${escapeHtml(t[`accept.${kind}`])}</label>`).join('')}</fieldset>
<label for="${key}-megabytes">${t.maxMegabytes}</label><input id="${key}-megabytes" name="megabytes" type="text" inputmode="decimal" value="${escapeHtml(typed(view, place, 'megabytes', megabytes))}">
<button class="secondary" type="submit">${t.save}</button></form></details>`)
  }
  return parts.join('\n')
}
