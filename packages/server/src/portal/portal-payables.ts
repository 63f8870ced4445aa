/**
 * What the portal shows of money: amounts in the citizen's language, the items a pay
 * service offers (fines, debts, taxes due, read from the registries) as one choice,
 * the receipt of a payment and the values of a calculation kept with an application.
 */
import { findDocumentType } from '@polis/documents'
import type { Language } from '@polis/kernel'
import type { ApplicationEvent, Field, PayableItem, Text3 } from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'
import { pageLocales } from '../http/page-language.ts'

const said = {
  documentReady: {
    uk: 'Документ у гаманці',
    en: 'Document in the wallet',
    et: 'Dokument rahakotis',
  },
  documentRevoked: {
    uk: 'Документ відкликано',
    en: 'Document revoked',
    et: 'Dokument tühistatud',
  },
  registerUpdated: {
    uk: 'Запис у реєстрі',
    en: 'Entered in the register',
    et: 'Kanne registris',
  },
  noItems: {
    uk: 'Нічого не потрібно сплачувати.',
    en: 'There is nothing to pay.',
    et: 'Midagi pole vaja maksta.',
  },
  due: { uk: 'Сплатити до', en: 'Pay by', et: 'Tasuda hiljemalt' },
  number: { uk: 'Номер', en: 'Number', et: 'Number' },
  paidFor: { uk: 'Сплачено', en: 'Paid for', et: 'Makstud' },
  payment: { uk: 'Платіж', en: 'Payment', et: 'Makse' },
  refunded: { uk: 'Повернуто', en: 'Refunded', et: 'Tagastatud' },
} satisfies Record<string, Text3>

/** An amount in minor units as the citizen reads it: `1,234.50 UAH`, `1 234,50 UAH`. */
export function formatMoney(minor: number, currency: string, language: Language): string {
  const number = new Intl.NumberFormat(pageLocales[language], { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return `${number.format(minor / 100)} ${currency}`
}

/** A registry's value as the citizen reads it: an ISO date in their language's way. */
function shown(value: unknown, language: Language): string {
  if (value === undefined || value === null || value === '') return '—'
  const text = String(value)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return text
  return new Intl.DateTimeFormat(pageLocales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${text}T00:00:00Z`),
  )
}

/** One item as a line: its description and amount. */
function itemLine(item: PayableItem, language: Language): string {
  return `${item.description || String(item.data.number ?? item.id)} — ${formatMoney(item.amount, item.currency, language)}`
}

/** The chosen item, read back on "check your answers". */
export function itemSummary(items: PayableItem[], value: unknown, language: Language): string {
  const item = items.find((i) => i.id === value)
  return item ? itemLine(item, language) : '—'
}

/**
 * An `item` field: the items due as radios, each with its amount, number, date due and
 * the details the definition names. The value sent is only the item's id: the amount is
 * the registry's.
 */
export function itemFieldHtml(
  field: Field,
  items: PayableItem[],
  value: unknown,
  error: string | undefined,
  language: Language,
  errorPrefix: string,
): string {
  const help = field.help ? `<p class="hint" id="${field.id}-hint">${escapeHtml(field.help[language])}</p>` : ''
  const errorHtml = error
    ? `<p class="field-error" id="${field.id}-error"><span class="visually-hidden">${escapeHtml(errorPrefix)}</span> ${escapeHtml(error)}</p>`
    : ''
  const described = [field.help ? `${field.id}-hint` : '', error ? `${field.id}-error` : ''].filter(Boolean).join(' ')
  const aria = `${described ? ` aria-describedby="${described}"` : ''}${error ? ' aria-invalid="true"' : ''}`
  if (items.length === 0) return `<p>${escapeHtml(said.noItems[language])}</p>`
  const choices = items
    .map((item, i) => {
      const facts = [
        [said.number[language], shown(item.data.number ?? item.id, language)],
        [said.due[language], shown(item.data.due_date, language)],
        ...(field.details ?? []).map((d) => [d.label[language], shown(item.data[d.path], language)]),
      ]
        .map(([label, text]) => `<span class="muted">${escapeHtml(label ?? '')}:</span> ${escapeHtml(text ?? '')}`)
        .join('<br>')
      return `<label class="choice item"><input type="radio" name="${field.id}" value="${escapeHtml(item.id)}"${value === item.id ? ' checked' : ''}${i === 0 && error ? ' autofocus' : ''}> <strong>${escapeHtml(itemLine(item, language))}</strong><br>${facts}</label>`
    })
    .join('\n')
  return `<div class="field${error ? ' has-error' : ''}"><fieldset id="${field.id}"${aria}><legend>${escapeHtml(field.label[language])}</legend>${help}${errorHtml}
${choices}</fieldset></div>`
}

/** What an event adds to the history: the receipt of a payment, a refund, a calculation's values. */
export function eventDetail(event: Pick<ApplicationEvent, 'type' | 'data'>, language: Language): string {
  const { data } = event
  const money = (amount: unknown, currency: unknown) =>
    typeof amount === 'number' && typeof currency === 'string' ? formatMoney(amount, currency, language) : ''
  if (event.type === 'paid') {
    const item = data.item as { number?: unknown; description?: unknown } | undefined
    const lines = [
      `<strong>${escapeHtml(money(data.amount, data.currency))}</strong>`,
      item
        ? `${escapeHtml(said.paidFor[language])}: ${escapeHtml(`${item.description ?? ''} (${item.number ?? ''})`)}`
        : '',
      `${escapeHtml(said.payment[language])}: <code>${escapeHtml(String(data.paymentId ?? ''))}</code>`,
    ]
    return `<br>${lines.filter(Boolean).join('<br>')}`
  }
  if (event.type === 'refunded') {
    return `<br>${escapeHtml(said.refunded[language])}: <strong>${escapeHtml(money(data.amount, data.currency))}</strong>`
  }
  // What an output was: the document made ready or revoked, the register written.
  if (event.type === 'output-issued' && (data.type === 'document' || data.type === 'revoke-document')) {
    const name = typeof data.documentType === 'string' ? findDocumentType(data.documentType)?.name[language] : undefined
    const what = data.type === 'document' ? said.documentReady : said.documentRevoked
    return name ? `<br>${escapeHtml(what[language])}: ${escapeHtml(name)}` : ''
  }
  if (event.type === 'output-issued' && data.type === 'registry-update') {
    return `<br>${escapeHtml(said.registerUpdated[language])}`
  }
  if (event.type === 'output-issued' && Array.isArray(data.values)) {
    const rows = (data.values as Array<{ label?: Text3; value?: unknown; currency?: string }>)
      .map((v) => {
        const shown = v.currency ? money(v.value, v.currency) : String(v.value ?? '—')
        return `<dt>${escapeHtml(v.label?.[language] ?? '')}</dt><dd>${escapeHtml(shown)}</dd>`
      })
      .join('')
    return `<dl class="facts">${rows}</dl>`
  }
  return ''
}
