/**
 * "How easy was it?": once an application is decided, the citizen may rate the service
 * from 1 (very hard) to 5 (very easy), once. The ratings reach the agency's insight as
 * counts only.
 */
import type { Language } from '@polis/kernel'
import { escapeHtml } from '@polis/ui/server-page'

const texts = {
  uk: {
    question: 'Наскільки легко було скористатися послугою?',
    hint: 'Ваша оцінка допомагає відомству покращити послугу. Її бачать лише як число серед інших.',
    scale: ['Дуже важко', 'Важко', 'Так собі', 'Легко', 'Дуже легко'],
    send: 'Надіслати оцінку',
    thanks: 'Дякуємо! Ви оцінили послугу: {rating} з 5.',
    choose: 'Оберіть оцінку від 1 до 5.',
  },
  en: {
    question: 'How easy was it to use this service?',
    hint: 'Your rating helps the agency improve the service. It is seen only as a number among others.',
    scale: ['Very hard', 'Hard', 'Neither easy nor hard', 'Easy', 'Very easy'],
    send: 'Send your rating',
    thanks: 'Thank you! You rated the service {rating} out of 5.',
    choose: 'Choose a rating from 1 to 5.',
  },
  et: {
    question: 'Kui lihtne oli seda teenust kasutada?',
    hint: 'Teie hinnang aitab ametil teenust parandada. Seda nähakse vaid arvuna teiste seas.',
    scale: ['Väga raske', 'Raske', 'Ei lihtne ega raske', 'Lihtne', 'Väga lihtne'],
    send: 'Saada hinnang',
    thanks: 'Aitäh! Hindasite teenust {rating} punktiga 5-st.',
    choose: 'Valige hinnang 1 kuni 5.',
  },
} as const satisfies Record<Language, Record<string, string | readonly string[]>>

/**
 * The rating form of a decided application, or the thanks once it is rated; nothing
 * while it is not decided. `problem`: the form was sent without a choice.
 */
export function ratingHtml(options: {
  applicationId: string
  status: string
  rated: number | undefined
  problem: boolean
  language: Language
}): string {
  if (options.status !== 'completed' && options.status !== 'rejected') return ''
  const t = texts[options.language]
  if (options.rated !== undefined) {
    return `<p class="ok" role="status">${escapeHtml(t.thanks.replace('{rating}', String(options.rated)))}</p>`
  }
  const error = options.problem ? `<p class="field-error" id="rating-error">${escapeHtml(t.choose)}</p>` : ''
  const choices = t.scale
    .map(
      (label, i) =>
        `<label class="choice"><input type="radio" name="rating" value="${i + 1}"> ${i + 1}: ${escapeHtml(label)}</label>`,
    )
    .join('\n')
  return `<form method="post" action="/applications/${escapeHtml(options.applicationId)}/rating" class="card rating" novalidate>
<fieldset id="rating" class="field${options.problem ? ' has-error' : ''}"${options.problem ? ' aria-describedby="rating-error"' : ''}><legend><h2>${escapeHtml(t.question)}</h2></legend>
<p class="muted">${escapeHtml(t.hint)}</p>${error}
${choices}
</fieldset>
<button class="secondary" type="submit">${escapeHtml(t.send)}</button>
</form>`
}
