import type { OpenAPIHono } from '@hono/zod-openapi'
import { isPolisError, type Language, messageOf } from '@polis/kernel'
import {
  answerConfirmation,
  type ConfirmationRequest,
  confirmationsOf,
  findConfirmationRequest,
  readApplicantData,
  type ServiceDefinition,
  withRecordOptions,
} from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { pageLocales } from '../http/page-language.ts'
import type { Platform } from '../platform/create-platform.ts'
import type { ServiceEngine } from '../services/create-service-engine.ts'

const texts = {
  uk: {
    askedOf: 'Підтвердження',
    awaitingThem: 'ще не підтвердив(ла): посадова особа вирішить після підтвердження',
    theyConfirmed: 'підтвердив(ла) {date}',
    theyDeclined: 'відмовився(лася) {date}',
    applicant: 'Заявник',
    submittedOn: 'Подано',
    intro: 'Вас названо в цій заяві. Лише ви можете підтвердити її або відмовитися, увійшовши під своїм іменем.',
    consequences:
      'Підтвердження дає посадовій особі змогу ухвалити рішення. Відмова закриває заяву, і заявник отримає про це повідомлення.',
    confirm: 'Підтверджую',
    decline: 'Відмовляюся',
    confirmed: 'Ви підтвердили {date}.',
    declined: 'Ви відмовилися {date}. Заяву закрито.',
    closed: 'Заяву закрито: відповідь більше не потрібна.',
    open: 'Переглянути й відповісти',
  },
  en: {
    askedOf: 'Confirmations',
    awaitingThem: 'has not confirmed yet: an official decides once they do',
    theyConfirmed: 'confirmed on {date}',
    theyDeclined: 'declined on {date}',
    applicant: 'Applicant',
    submittedOn: 'Submitted',
    intro: 'You are named in this application. Only you can confirm or decline it, signed in as yourself.',
    consequences: 'Confirming lets an official decide. Declining closes the application, and the applicant is told.',
    confirm: 'Confirm',
    decline: 'Decline',
    confirmed: 'You confirmed on {date}.',
    declined: 'You declined on {date}. The application is closed.',
    closed: 'The application is closed: no answer is needed any more.',
    open: 'Look and answer',
  },
  et: {
    askedOf: 'Kinnitused',
    awaitingThem: 'pole veel kinnitanud: ametnik otsustab pärast kinnitust',
    theyConfirmed: 'kinnitas {date}',
    theyDeclined: 'keeldus {date}',
    applicant: 'Taotleja',
    submittedOn: 'Esitatud',
    intro:
      'Teid on selles taotluses nimetatud. Ainult teie saate selle oma nime all sisse logituna kinnitada või sellest keelduda.',
    consequences: 'Kinnitus laseb ametnikul otsustada. Keeldumine sulgeb taotluse ja taotlejale antakse sellest teada.',
    confirm: 'Kinnitan',
    decline: 'Keeldun',
    confirmed: 'Kinnitasite {date}.',
    declined: 'Keeldusite {date}. Taotlus on suletud.',
    closed: 'Taotlus on suletud: vastust pole enam vaja.',
    open: 'Vaata ja vasta',
  },
} as const satisfies Record<Language, Record<string, string>>

/** The words of an inbox message's link to a page of its own (a confirmation). */
export const inboxLinkText = (language: Language) => texts[language].open

/**
 * For the applicant, on their application's page: whether each citizen asked to confirm
 * it (the buyer) has, with the date; empty for a service that asks nobody.
 */
export function applicantConfirmationsHtml(
  definition: ServiceDefinition | undefined,
  events: Array<{ type: string; at: string; data: Record<string, unknown> }>,
  language: Language,
): string {
  if (!definition) return ''
  const t = texts[language]
  const date = new Intl.DateTimeFormat(pageLocales[language], { dateStyle: 'long', timeZone: 'UTC' })
  const rows = confirmationsOf(definition, events)
    .filter((c) => c.state !== 'not-asked')
    .map((c) => {
      const when = c.at ? date.format(new Date(c.at)) : ''
      const said =
        c.state === 'confirmed'
          ? t.theyConfirmed.replace('{date}', when)
          : c.state === 'declined'
            ? t.theyDeclined.replace('{date}', when)
            : t.awaitingThem
      return row(c.confirmation.label[language], said)
    })
  return rows.length === 0 ? '' : `<h2>${escapeHtml(t.askedOf)}</h2>\n<dl class="summary">${rows.join('')}</dl>`
}

/** What the confirmation pages need of the portal: its page frame, its sign-in gate and its checks. */
export interface ConfirmationPagesOptions {
  platform: Platform
  engine: ServiceEngine
  languageOf: (c: Context) => Language
  page: (c: Context, title: string, body: string, status?: 200 | 400 | 404 | 409 | 422) => Promise<Response>
  requireCitizen: (c: Context) => Promise<{ redirect: Response } | { citizenId: string }>
  sameOrigin: (c: Context) => void
}

/**
 * A co-applicant's pages on the portal (a vehicle's buyer): `/confirmations/{id}` shows
 * what they are asked to confirm (the service, the applicant's name, the answers the
 * definition shows them) and takes their answer. Only the citizen the answers name
 * finds it; to anyone else, the applicant included, it does not exist (404).
 */
export function registerConfirmationPages(app: OpenAPIHono, options: ConfirmationPagesOptions): void {
  const { engine, languageOf, page, requireCitizen, sameOrigin } = options
  const definitionOf = engine.findVersion

  app.get('/confirmations/:id', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const language = languageOf(c)
    const request = await findConfirmationRequest(engine.ports, {
      applicationId: c.req.param('id'),
      citizenId: gate.citizenId,
      definitionOf,
    })
    const body = await confirmationBody(engine, request, language, c.req.query('problem'))
    return page(c, request.mine.confirmation.question[language], body)
  })

  app.post('/confirmations/:id', async (c) => {
    sameOrigin(c)
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const form = (await c.req.parseBody()) as Record<string, unknown>
    const answer = form.answer === 'confirm' ? 'confirm' : form.answer === 'decline' ? 'decline' : undefined
    const id = c.req.param('id')
    if (!answer) return c.redirect(`/confirmations/${encodeURIComponent(id)}`, 303)
    try {
      await answerConfirmation(engine.ports, { applicationId: id, citizenId: gate.citizenId, answer, definitionOf })
    } catch (error) {
      if (!isPolisError(error, 'ERR_CONFIRMATION_ANSWERED')) throw error
      return c.redirect(`/confirmations/${encodeURIComponent(id)}?problem=answered`, 303)
    }
    return c.redirect(`/confirmations/${encodeURIComponent(id)}`, 303)
  })
}

/** One line of what is asked, as "check your answers" shows one. */
const row = (label: string, value: string) =>
  `<div class="row"><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`

/** The page: the question, what is asked, and the two buttons, or how it was answered. */
async function confirmationBody(
  engine: ServiceEngine,
  request: ConfirmationRequest,
  language: Language,
  problem: string | undefined,
): Promise<string> {
  const t = texts[language]
  const { definition, mine } = request
  // The applicant's data as the service reads it, for their name and the labels of their choices (the vehicle).
  const applicant = await readApplicantData(engine.ports, definition, request.applicantId)
  const fields = definition.pages.flatMap((p) => p.fields).map((f) => withRecordOptions(f, applicant))
  const number = new Intl.NumberFormat(pageLocales[language])
  const date = new Intl.DateTimeFormat(pageLocales[language], { dateStyle: 'long', timeZone: 'UTC' })
  const shown = Object.entries(request.shown).map(([id, value]) => {
    const field = fields.find((f) => f.id === id)
    const said =
      value === undefined || value === null || value === ''
        ? '—'
        : typeof value === 'number'
          ? number.format(value)
          : (field?.options?.find((o) => o.value === value)?.label[language] ?? String(value))
    return row(field?.label[language] ?? id, said)
  })
  const name = `${applicant.person.given_name ?? ''} ${applicant.person.family_name ?? ''}`.trim()
  const answeredAt = mine.at ? date.format(new Date(mine.at)) : ''
  const closed = !['submitted', 'in-review', 'info-requested'].includes(request.status)
  const answer =
    mine.state === 'confirmed'
      ? `<p class="ok" role="status">${escapeHtml(t.confirmed.replace('{date}', answeredAt))}</p>`
      : mine.state === 'declined'
        ? `<p role="status"><strong>${escapeHtml(t.declined.replace('{date}', answeredAt))}</strong></p>`
        : closed
          ? `<p role="status">${escapeHtml(t.closed)}</p>`
          : `<p>${escapeHtml(t.consequences)}</p>
<form method="post" action="/confirmations/${escapeHtml(request.applicationId)}">
<button class="primary" type="submit" name="answer" value="confirm">${escapeHtml(t.confirm)}</button>
<button class="secondary" type="submit" name="answer" value="decline">${escapeHtml(t.decline)}</button>
</form>`
  return `${problem === 'answered' ? `<div class="error-summary" role="alert"><p>${escapeHtml(messageOf('ERR_CONFIRMATION_ANSWERED', language))}</p></div>` : ''}
<h1>${escapeHtml(mine.confirmation.question[language])}</h1>
<p class="lead">${escapeHtml(definition.name[language])}</p>
<p>${escapeHtml(t.intro)}</p>
<div class="card"><dl class="summary">
${row(t.applicant, name || '—')}
${shown.join('\n')}
${row(t.submittedOn, date.format(new Date(request.submittedAt)))}
</dl></div>
${answer}`
}
