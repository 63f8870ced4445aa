import type { Language } from '@polis/ui'
import type { RawAnswer } from '../lib/check-answer.ts'
import type { ServiceField } from '../lib/service-definition.ts'
import type { Translate } from '../messages.ts'

/** The element id of a question, which the error summary links to. */
export const questionId = (field: ServiceField) => `question-${field.id}`

/** More options than this are a drop-down list; fewer are radio buttons, all in sight. */
const radiosUpTo = 6

const inputTypes: Record<string, { type: string; inputMode?: 'numeric' | 'decimal' | 'email' | 'tel' }> = {
  text: { type: 'text' },
  email: { type: 'email', inputMode: 'email' },
  phone: { type: 'tel', inputMode: 'tel' },
  // Text with a number keypad, not type=number: it neither rounds nor changes on a scroll.
  number: { type: 'text', inputMode: 'decimal' },
  date: { type: 'date' },
}

const autoCompletes: Record<string, string> = { email: 'email', phone: 'tel' }

/**
 * One question of a service in the manner of the GOV.UK Design System: the label, the
 * hint, the error said next to it (tied to the control by aria-describedby), and the
 * control its type calls for; yes/no and short lists of options as radio buttons.
 */
export function ServiceQuestion(props: {
  t: Translate
  language: Language
  field: ServiceField
  value: RawAnswer
  error: string | undefined
  onChange: (value: RawAnswer) => void
}) {
  const { t, language, field, value, error } = props
  const id = questionId(field)
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [field.help ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined
  const label = (
    <>
      {field.label[language]}
      {!field.required && <span className="optional"> {t('optional')}</span>}
    </>
  )
  const hint = field.help && (
    <span className="question-hint" id={hintId}>
      {field.help[language]}
    </span>
  )
  const problem = error && (
    <span className="question-error" id={errorId}>
      <span className="visually-hidden">{t('errorSummaryTitle')}: </span>
      {error}
    </span>
  )
  const choices =
    field.type === 'boolean'
      ? [
          { value: true, label: t('yes') },
          { value: false, label: t('no') },
        ]
      : field.type === 'select' && (field.options?.length ?? 0) <= radiosUpTo
        ? (field.options ?? []).map((o) => ({ value: o.value, label: o.label[language] }))
        : undefined
  if (choices) {
    return (
      <fieldset
        className={error ? 'question choices-group invalid' : 'question choices-group'}
        aria-describedby={describedBy}
      >
        <legend className="question-label">{label}</legend>
        {hint}
        {problem}
        {choices.map((choice, index) => (
          <label key={String(choice.value)} className="radio">
            <input
              type="radio"
              name={id}
              id={index === 0 ? id : undefined}
              checked={value === choice.value}
              aria-invalid={error ? true : undefined}
              onChange={() => props.onChange(choice.value)}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </fieldset>
    )
  }
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    required: field.required,
  }
  const text = typeof value === 'string' ? value : ''
  return (
    <div className={error ? 'question invalid' : 'question'}>
      <label className="question-label" htmlFor={id}>
        {label}
      </label>
      {hint}
      {problem}
      {field.type === 'textarea' ? (
        <textarea
          {...common}
          className="input"
          rows={6}
          maxLength={field.maxLength}
          value={text}
          onChange={(e) => props.onChange(e.target.value)}
        />
      ) : field.type === 'select' ? (
        <select {...common} className="input" value={text} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">{t('chooseOption')}</option>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label[language]}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          className="input"
          type={inputTypes[field.type]?.type ?? 'text'}
          inputMode={inputTypes[field.type]?.inputMode}
          autoComplete={autoCompletes[field.type] ?? 'off'}
          spellCheck={field.type === 'text' ? undefined : false}
          value={text}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </div>
  )
}
