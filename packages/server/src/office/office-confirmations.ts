import type { Language } from '@polis/kernel'
import { confirmationsOf, type ServiceDefinition } from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'

const texts = {
  uk: {
    heading: 'Підтвердження',
    awaiting: 'ще не підтверджено: схвалити заяву не можна',
    confirmed: 'підтверджено {date}',
    declined: 'відмовлено {date}',
    notAsked: 'не запитувалося (заяву подано раніше)',
  },
  en: {
    heading: 'Confirmations',
    awaiting: 'not confirmed yet: the application cannot be approved',
    confirmed: 'confirmed on {date}',
    declined: 'declined on {date}',
    notAsked: 'not asked (submitted before confirmations)',
  },
  et: {
    heading: 'Kinnitused',
    awaiting: 'pole veel kinnitatud: taotlust ei saa rahuldada',
    confirmed: 'kinnitatud {date}',
    declined: 'keeldutud {date}',
    notAsked: 'ei küsitud (esitatud varem)',
  },
} as const satisfies Record<Language, Record<string, string>>

/**
 * Whether each co-applicant the service asks (a vehicle's buyer) has confirmed, for the
 * official deciding the case; empty for a service that asks nobody.
 */
export function confirmationsHtml(
  definition: ServiceDefinition,
  events: Array<{ type: string; at: string; data: Record<string, unknown> }>,
  language: Language,
  time: (iso: string) => string,
): string {
  if (definition.confirmations.length === 0) return ''
  const t = texts[language]
  const rows = confirmationsOf(definition, events).map((status) => {
    const when = status.at ? time(status.at) : ''
    const said =
      status.state === 'confirmed'
        ? `<span class="ok">${escapeHtml(t.confirmed.replace('{date}', when))}</span>`
        : status.state === 'declined'
          ? `<span class="bad">${escapeHtml(t.declined.replace('{date}', when))}</span>`
          : status.state === 'awaiting'
            ? `<strong>${escapeHtml(t.awaiting)}</strong>`
            : escapeHtml(t.notAsked)
    return `<dt>${escapeHtml(status.confirmation.label[language])}</dt><dd>${said}</dd>`
  })
  return `<h2>${escapeHtml(t.heading)}</h2>\n<dl>${rows.join('')}</dl>`
}
