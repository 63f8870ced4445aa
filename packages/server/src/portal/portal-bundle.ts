/**
 * A life-event bundle on the portal: one status page for the citizen, each of its
 * services with where it stands and a link to its own application; and, on a part's own
 * page, the bundle it belongs to.
 */
import { type ErrorCode, errorCodes, type Language, messageOf } from '@polis/kernel'
import type { ApplicationEvent, PartProgress } from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'
import { type PortalText, portalText } from './portal-texts.ts'

const said = {
  services: { uk: 'Послуги цієї заяви', en: 'The services of this application', et: 'Selle taotluse teenused' },
  waits: {
    uk: 'Почнеться, щойно буде виконано: {names}',
    en: 'Starts once this is done: {names}',
    et: 'Algab, kui see on tehtud: {names}',
  },
  waiting: { uk: 'Очікує', en: 'Waiting', et: 'Ootel' },
  skipped: { uk: 'Не замовлено', en: 'Not asked for', et: 'Ei soovitud' },
  cancelled: { uk: 'Не розпочато', en: 'Not started', et: 'Ei alustatud' },
  cancelledWhy: {
    uk: 'Не розпочато, бо відмовлено в послузі: {name}',
    en: 'Not started, because this was refused: {name}',
    et: 'Ei alustatud, sest sellest keelduti: {name}',
  },
  refused: { uk: 'Не подано', en: 'Not applied for', et: 'Ei taotletud' },
  open: { uk: 'Заява на цю послугу', en: 'Its application', et: 'Selle taotlus' },
  partOf: { uk: 'Частина заяви «{name}»', en: 'Part of the application “{name}”', et: 'Osa taotlusest „{name}”' },
} as const

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '')

/** Each part of a bundle as a card: its service, where it stands, why, and its application. */
export function bundleHtml(parts: PartProgress[], nameOf: (code: string) => string, language: Language): string {
  if (parts.length === 0) return ''
  const partName = (id: string) => nameOf(parts.find((p) => p.id === id)?.serviceCode ?? id)
  const items = parts.map((part) => {
    const name = escapeHtml(nameOf(part.serviceCode))
    let state: string
    let why = ''
    if (part.state === 'waiting') {
      state = said.waiting[language]
      if (part.after) why = fill(said.waits[language], { names: part.after.map(partName).join(', ') })
    } else if (part.state === 'skipped') {
      state = said.skipped[language]
    } else if (part.state === 'cancelled') {
      state = said.cancelled[language]
      why = fill(said.cancelledWhy[language], { name: partName(part.after?.[0] ?? '') })
    } else if (part.state === 'refused') {
      state = said.refused[language]
      why =
        part.reasons && part.reasons.length > 0
          ? part.reasons.map((r) => r[language]).join(' ')
          : part.code && Object.hasOwn(errorCodes, part.code)
            ? messageOf(part.code as ErrorCode, language)
            : ''
    } else {
      state = portalText(language, `status.${part.state}` as PortalText)
    }
    const link = part.applicationId
      ? `<p><a href="/applications/${escapeHtml(part.applicationId)}">${escapeHtml(said.open[language])}<span class="visually-hidden">: ${name}</span></a></p>`
      : ''
    return `<li class="part"><h3>${name}</h3><p><strong class="tag">${escapeHtml(state)}</strong></p>${why ? `<p class="hint">${escapeHtml(why)}</p>` : ''}${link}</li>`
  })
  return `<h2>${escapeHtml(said.services[language])}</h2><ul class="parts">${items.join('')}</ul>`
}

/** On a part's own page: the bundle it is part of, linked. */
export function partOfHtml(bundle: { id: string; name: string } | undefined, language: Language): string {
  if (!bundle) return ''
  return `<p><a href="/applications/${escapeHtml(bundle.id)}">${escapeHtml(fill(said.partOf[language], { name: bundle.name }))}</a></p>`
}

/** The service a bundle's event is about, shown beside it in the history. */
export function partEventDetail(
  event: Pick<ApplicationEvent, 'type' | 'data'>,
  nameOf: (code: string) => string,
): string {
  if (!event.type.startsWith('part-') || typeof event.data.service !== 'string') return ''
  return `<br>${escapeHtml(nameOf(event.data.service))}`
}

export const bundleStyles = `
.parts { list-style: none; padding: 0; }
.parts .part { border: 1px solid var(--border); border-radius: 12px; padding: 0.75rem 1rem; margin: 0 0 0.75rem; }
.parts h3 { margin: 0 0 0.25rem; font-size: 1.05rem; }
.parts p { margin: 0.25rem 0; }
.parts a { color: var(--accent); font-weight: 600; }
`
