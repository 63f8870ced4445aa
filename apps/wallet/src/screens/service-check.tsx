import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import type { ShownPage } from '../lib/fill-service-form.ts'
import type { ServiceField } from '../lib/service-definition.ts'
import { formatBytes, typeName, type UploadedFile } from '../lib/service-files.ts'
import type { Translate } from '../messages.ts'

/** An answer or a registry's value as the citizen reads it: yes/no, a date in their language, an option's label. */
export function shownValue(field: ServiceField, value: unknown, t: Translate, language: Language): string {
  if (typeof value === 'boolean') return value ? t('yes') : t('no')
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00Z`)
    if (!Number.isNaN(date.getTime()))
      return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(date)
  }
  const option = field.options?.find((o) => o.value === value)
  if (option) return option.label[language]
  return value === undefined || value === null || value === '' ? t('notAnswered') : String(value)
}

/**
 * "Check your answers": each page's known facts and answers, an item owed by its
 * description and amount, a file by its name, kind and size, each answer with a link
 * back to its page.
 */
export function CheckAnswers(props: {
  t: Translate
  language: Language
  pages: ShownPage[]
  asked: ShownPage[]
  answers: Record<string, unknown>
  files: Record<string, UploadedFile>
  onChange: (index: number) => void
}) {
  const { t, language, answers, files } = props
  const answerOf = (field: ServiceField) => {
    const value = answers[field.id]
    const file = field.type === 'file' && typeof value === 'string' ? files[value] : undefined
    if (file) {
      return `${file.fileName} (${typeName(file.mediaType)}, ${formatBytes(file.size, language, locales[language])})`
    }
    return shownValue(field, value, t, language)
  }
  return (
    <>
      {props.pages.map((shown) => {
        const index = props.asked.indexOf(shown)
        return (
          <section key={shown.page.id} className="check-page" aria-labelledby={`check-${shown.page.id}`}>
            <h2 id={`check-${shown.page.id}`}>{shown.page.title[language]}</h2>
            <dl className="claims">
              {shown.known.map(({ field, value }) => (
                <div key={field.id} className="claim">
                  <dt>{field.label[language]}</dt>
                  <dd>{shownValue(field, value, t, language)}</dd>
                </div>
              ))}
              {shown.questions.map((field) => (
                <div key={field.id} className="claim answer">
                  <dt>{field.label[language]}</dt>
                  <dd>{answerOf(field)}</dd>
                  <dd>
                    <button type="button" className="link" onClick={() => props.onChange(index)}>
                      {t('change')}
                      <span className="visually-hidden"> {field.label[language]}</span>
                    </button>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        )
      })}
    </>
  )
}
