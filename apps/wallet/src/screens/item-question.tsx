import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { formatMoney, type PayableItem } from '../lib/payable-items.ts'
import type { ServiceField } from '../lib/service-definition.ts'
import type { Translate } from '../messages.ts'
import { questionId } from './service-question.tsx'

/** A date of a register (`2026-06-30`) as the citizen reads it in their language. */
function shownDate(value: string | undefined, language: Language): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${value}T00:00:00Z`),
  )
}

/**
 * What the citizen owes, as one choice: each item of the register with its amount,
 * number, date due and the details the service names. Only the item's id is sent: the
 * amount is the register's.
 */
export function ItemQuestion(props: {
  t: Translate
  language: Language
  field: ServiceField
  items: PayableItem[]
  value: string | undefined
  error: string | undefined
  onChange: (id: string) => void
}) {
  const { t, language, field, items, error } = props
  const id = questionId(field)
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [field.help ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined
  if (items.length === 0) return <p>{t('itemsNone')}</p>
  return (
    <fieldset
      className={error ? 'question choices-group invalid' : 'question choices-group'}
      aria-describedby={describedBy}
    >
      <legend className="question-label">{field.label[language]}</legend>
      {field.help && (
        <span className="question-hint" id={hintId}>
          {field.help[language]}
        </span>
      )}
      {error && (
        <span className="question-error" id={errorId}>
          <span className="visually-hidden">{t('errorSummaryTitle')}: </span>
          {error}
        </span>
      )}
      {items.map((item, index) => {
        const facts = [
          { label: t('itemNumber'), value: item.number },
          ...(item.dueDate ? [{ label: t('itemDue'), value: shownDate(item.dueDate, language) ?? '' }] : []),
          ...item.details.map((d) => ({ label: d.label, value: shownDate(d.value, language) ?? d.value })),
        ]
        return (
          <label key={item.id} className="radio item">
            <input
              type="radio"
              name={id}
              id={index === 0 ? id : undefined}
              value={item.id}
              checked={props.value === item.id}
              aria-invalid={error ? true : undefined}
              onChange={() => props.onChange(item.id)}
            />
            <span>
              <strong className="item-line">
                {item.description || item.number} — {formatMoney(item.amount, item.currency, locales[language])}
              </strong>
              {facts.map((fact) => (
                <span key={fact.label} className="item-fact">
                  <span className="muted-inline">{fact.label}:</span> {fact.value}
                </span>
              ))}
            </span>
          </label>
        )
      })}
    </fieldset>
  )
}
