/**
 * Businesses in the office: an `approver` lists the registrations waiting for a decision,
 * with their purposes and the claims of each, and approves or refuses them with a reason
 * (later revokes an approved one); the data-protection authority's officials (`dpa`) read
 * citizens' reports of deletion requests a business refused or left unanswered. The
 * decisions are `approveBusiness` and `endBusiness`, as `polis businesses` makes them.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { findDocumentType } from '@polis/documents'
import { type Language, PolisError } from '@polis/kernel'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { approveBusiness, type Business, endBusiness, listBusinesses } from '../business/businesses.ts'
import type { Purpose } from '../business/purposes.ts'
import { listDeletionReports } from '../sharing/deletion-requests.ts'
import { type Desk, type OfficePageKit, officeDate, officeWords } from './office-page-kit.ts'

const en = {
  title: 'Businesses',
  lead: 'Registrations of businesses that ask citizens for documents. Check that each purpose needs the claims it lists before approving.',
  pending: 'Waiting for a decision',
  noPending: 'No registration is waiting.',
  decided: 'Decided',
  registerNumber: 'Register number',
  registered: 'Registered',
  contact: 'Contact',
  privacy: 'Data-protection contact',
  purposes: 'Purposes and claims',
  approve: 'Approve {name}',
  refuse: 'Refuse',
  revoke: 'Revoke',
  reason: 'Reason, which the business reads',
  reasonInvalid: 'Write the reason in 3 to 1000 characters.',
  status: 'State',
  'status.pending': 'pending',
  'status.approved': 'approved',
  'status.refused': 'refused',
  'status.revoked': 'revoked',
  notAllowed: 'Only an official with the approver role decides on businesses.',
  reports: 'Reports to the data-protection authority',
  reportsLead: 'Citizens’ reports of deletion requests a business refused or left unanswered.',
  noReports: 'No reports.',
  reportsNotAllowed: 'Only the data-protection authority’s officials read these reports.',
  business: 'Business',
  asked: 'Deletion asked',
  answer: 'Business’s answer',
  'deletion.asked': 'not answered',
  'deletion.done': 'erased',
  'deletion.refused': 'refused',
  reportedAt: 'Reported',
  report: 'The citizen says',
  claims: 'Data',
}
const texts = {
  en,
  uk: {
    title: 'Бізнеси',
    lead: 'Реєстрації бізнесів, які запитують у громадян документи. Перед погодженням перевірте, що кожній меті потрібні перелічені дані.',
    pending: 'Очікують рішення',
    noPending: 'Немає реєстрацій, що очікують.',
    decided: 'Вирішено',
    registerNumber: 'Код у реєстрі',
    registered: 'Зареєстровано',
    contact: 'Контакт',
    privacy: 'Контакт із захисту даних',
    purposes: 'Мети й дані',
    approve: 'Погодити {name}',
    refuse: 'Відмовити',
    revoke: 'Відкликати',
    reason: 'Причина, яку прочитає бізнес',
    reasonInvalid: 'Напишіть причину від 3 до 1000 символів.',
    status: 'Стан',
    'status.pending': 'очікує',
    'status.approved': 'погоджено',
    'status.refused': 'відмовлено',
    'status.revoked': 'відкликано',
    notAllowed: 'Рішення щодо бізнесів ухвалює лише посадова особа з роллю approver.',
    reports: 'Скарги до органу з захисту персональних даних',
    reportsLead: 'Скарги громадян на запити про видалення, які бізнес відхилив або залишив без відповіді.',
    noReports: 'Скарг немає.',
    reportsNotAllowed: 'Ці скарги читають лише посадові особи органу з захисту персональних даних.',
    business: 'Бізнес',
    asked: 'Запит про видалення',
    answer: 'Відповідь бізнесу',
    'deletion.asked': 'без відповіді',
    'deletion.done': 'видалено',
    'deletion.refused': 'відмовлено',
    reportedAt: 'Скарга подана',
    report: 'Громадянин пише',
    claims: 'Дані',
  },
  et: {
    title: 'Ettevõtted',
    lead: 'Kodanikelt dokumente küsivate ettevõtete registreeringud. Enne kinnitamist kontrollige, et iga eesmärk vajab loetletud andmeid.',
    pending: 'Ootavad otsust',
    noPending: 'Ükski registreering ei oota.',
    decided: 'Otsustatud',
    registerNumber: 'Registrikood',
    registered: 'Registreeritud',
    contact: 'Kontakt',
    privacy: 'Andmekaitse kontakt',
    purposes: 'Eesmärgid ja andmed',
    approve: 'Kinnita {name}',
    refuse: 'Lükka tagasi',
    revoke: 'Tühista',
    reason: 'Põhjus, mida ettevõte loeb',
    reasonInvalid: 'Kirjutage põhjus 3 kuni 1000 märgiga.',
    status: 'Olek',
    'status.pending': 'ootab',
    'status.approved': 'kinnitatud',
    'status.refused': 'tagasi lükatud',
    'status.revoked': 'tühistatud',
    notAllowed: 'Ettevõtete üle otsustab ainult approver-rolliga ametnik.',
    reports: 'Teated andmekaitse inspektsioonile',
    reportsLead: 'Kodanike teated kustutamistaotlustest, mille ettevõte tagasi lükkas või vastuseta jättis.',
    noReports: 'Teateid pole.',
    reportsNotAllowed: 'Neid teateid loevad ainult andmekaitse inspektsiooni ametnikud.',
    business: 'Ettevõte',
    asked: 'Kustutamist küsiti',
    answer: 'Ettevõtte vastus',
    'deletion.asked': 'vastamata',
    'deletion.done': 'kustutatud',
    'deletion.refused': 'keeldutud',
    reportedAt: 'Teatatud',
    report: 'Kodanik kirjutab',
    claims: 'Andmed',
  },
} satisfies Record<Language, Record<keyof typeof en, string>>

export type OfficeBusinessesOptions = OfficePageKit

/** The purpose's words in other languages, each marked with its language, for the approver to read too. */
const otherWords = (purpose: Purpose) =>
  Object.entries(purpose.descriptions ?? {})
    .map(([lang, words]) => `<br><span lang="${lang}">${escapeHtml(words ?? '')}</span>`)
    .join('')

/** The office's links to these pages, for the officials whose roles open them. */
export function businessesNavLinks(official: Desk, language: Language): string {
  return [
    official.roles.includes('approver') ? `<a href="/office/businesses">${texts[language].title}</a>` : '',
    official.roles.includes('dpa') ? `<a href="/office/data-protection">${texts[language].reports}</a>` : '',
  ].join('')
}

export function registerOfficeBusinesses(app: OpenAPIHono, options: OfficeBusinessesOptions): void {
  const { platform, officialOf, page, languageOf, sameOrigin } = options
  const textOf = officeWords(texts, languageOf)
  const dateOf = (c: Context, iso: string) => officeDate(languageOf(c), iso)

  /** The signed-in official with the role, or the page saying why not. */
  const gate = async (c: Context, role: 'approver' | 'dpa') => {
    const official = await officialOf(c)
    if (!official) return { response: c.redirect(`/office/login?return=${encodeURIComponent(c.req.path)}`, 303) }
    if (!official.roles.includes(role)) {
      const t = textOf(c)
      const title = role === 'approver' ? t('title') : t('reports')
      const why = role === 'approver' ? t('notAllowed') : t('reportsNotAllowed')
      return { response: page(c, title, `<h1>${title}</h1><p>${why}</p>`, official, 403) }
    }
    return { official }
  }

  const claimsOf = (language: Language, documents: Array<{ document: string; claims: string[] }>) =>
    documents
      .map((asked) => {
        const type = findDocumentType(asked.document)
        const label = (name: string) => type?.claims.find((c) => c.name === name)?.label[language] ?? name
        return `<li>${escapeHtml(type?.name[language] ?? asked.document)}: ${asked.claims.map((n) => escapeHtml(label(n))).join(', ')}</li>`
      })
      .join('')

  const listPage = async (c: Context, official: Desk, problem?: { id: string; message: string }) => {
    const t = textOf(c)
    const language = languageOf(c)
    const all = await listBusinesses(platform)
    const pending = all.filter((b) => b.status === 'pending')
    const reasonField = (b: Business) => {
      const wrong = problem?.id === b.id
      return `<div class="field${wrong ? ' has-error' : ''}"><label for="reason-${b.id}">${t('reason')}</label>
${wrong ? `<p class="field-error" id="reason-${b.id}-error">${escapeHtml(problem.message)}</p>` : ''}
<textarea id="reason-${b.id}" name="reason" rows="3"${wrong ? ` aria-describedby="reason-${b.id}-error" aria-invalid="true"` : ''}></textarea></div>`
    }
    const cards = pending
      .map(
        (b) => `<section class="registration" aria-labelledby="business-${b.id}">
<h3 id="business-${b.id}">${escapeHtml(b.legalName)}</h3>
<dl>
<dt>${t('registerNumber')}</dt><dd>${escapeHtml(b.registerNumber)}</dd>
<dt>${t('registered')}</dt><dd>${dateOf(c, b.registeredAt)}</dd>
<dt>${t('contact')}</dt><dd>${escapeHtml(b.contactEmail)}</dd>
<dt>${t('privacy')}</dt><dd>${escapeHtml(b.privacyEmail)}</dd>
</dl>
<h4>${t('purposes')}</h4>
<ul>${b.purposes.map((p) => `<li><strong>${escapeHtml(p.description)}</strong> (<code>${escapeHtml(p.id)}</code>)${otherWords(p)}<ul>${claimsOf(language, p.documents)}</ul></li>`).join('')}</ul>
<form method="post" action="/office/businesses/${b.id}/approve"><button class="primary" type="submit">${t('approve', { name: b.legalName })}</button></form>
<form method="post" action="/office/businesses/${b.id}/refuse" novalidate>${reasonField(b)}<button type="submit">${t('refuse')}</button></form>
</section>`,
      )
      .join('')
    const decided = all
      .filter((b) => b.status !== 'pending')
      .map(
        (b) => `<tr><td data-label="${t('title')}">${escapeHtml(b.legalName)} (${escapeHtml(b.registerNumber)})</td>
<td data-label="${t('status')}"><span class="tag">${t(`status.${b.status}`)}</span>${b.decisionReason ? ` ${escapeHtml(b.decisionReason)}` : ''}</td>
<td>${b.status === 'approved' ? `<form method="post" action="/office/businesses/${b.id}/revoke" novalidate>${reasonField(b)}<button type="submit">${t('revoke')}</button></form>` : ''}</td></tr>`,
      )
      .join('')
    const body = `<h1>${t('title')}</h1>
<p>${t('lead')}</p>
<h2>${t('pending')}</h2>
${pending.length === 0 ? `<p>${t('noPending')}</p>` : cards}
${decided ? `<h2>${t('decided')}</h2><table><thead><tr><th>${t('title')}</th><th>${t('status')}</th><th><span class="visually-hidden">${t('revoke')}</span></th></tr></thead><tbody>${decided}</tbody></table>` : ''}`
    return page(c, texts[language].title, body, official, problem ? 400 : 200)
  }

  app.get('/office/businesses', async (c) => {
    const at = await gate(c, 'approver')
    if ('response' in at) return at.response
    return listPage(c, at.official)
  })

  app.post('/office/businesses/:id/approve', async (c) => {
    sameOrigin(c)
    const at = await gate(c, 'approver')
    if ('response' in at) return at.response
    await approveBusiness(platform, { id: c.req.param('id'), official: at.official.id })
    return c.redirect('/office/businesses', 303)
  })

  for (const verb of ['refuse', 'revoke'] as const) {
    app.post(`/office/businesses/:id/${verb}`, async (c) => {
      sameOrigin(c)
      const at = await gate(c, 'approver')
      if ('response' in at) return at.response
      const form = await c.req.parseBody()
      const reason = typeof form.reason === 'string' ? form.reason : ''
      const id = c.req.param('id')
      try {
        await endBusiness(platform, {
          id,
          official: at.official.id,
          to: verb === 'refuse' ? 'refused' : 'revoked',
          reason,
        })
      } catch (error) {
        if (error instanceof PolisError && error.field === 'reason') {
          return listPage(c, at.official, { id, message: texts[languageOf(c)].reasonInvalid })
        }
        throw error
      }
      return c.redirect('/office/businesses', 303)
    })
  }

  app.get('/office/data-protection', async (c) => {
    const at = await gate(c, 'dpa')
    if ('response' in at) return at.response
    const t = textOf(c)
    const language = languageOf(c)
    const reports = await listDeletionReports(platform)
    const names = new Map((await listBusinesses(platform)).map((b) => [b.id, b]))
    const items = reports
      .map((r) => {
        const business = names.get(r.businessId)
        return `<li class="report"><h2>${escapeHtml(business?.legalName ?? r.businessId)} (${escapeHtml(business?.registerNumber ?? '')})</h2>
<dl>
<dt>${t('reportedAt')}</dt><dd>${dateOf(c, r.reportedAt ?? r.askedAt)}</dd>
<dt>${t('asked')}</dt><dd>${dateOf(c, r.askedAt)}</dd>
<dt>${t('answer')}</dt><dd><span class="tag">${t(`deletion.${r.state}`)}</span>${r.answerReason ? ` ${escapeHtml(r.answerReason)}` : ''}</dd>
<dt>${t('claims')}</dt><dd><ul>${claimsOf(language, r.claims)}</ul></dd>
<dt>${t('report')}</dt><dd>${escapeHtml(r.reportText ?? '')}</dd>
</dl></li>`
      })
      .join('')
    const body = `<h1>${t('reports')}</h1>
<p>${t('reportsLead')}</p>
${reports.length === 0 ? `<p>${t('noReports')}</p>` : `<ol class="reports">${items}</ol>`}`
    return page(c, texts[language].reports, body, at.official)
  })
}

export const officeBusinessesStyles = `
.registration { border: 1px solid var(--border); border-radius: 12px; padding: 0.5rem 1rem; margin: 0 0 1rem; }
.registration form { margin: 0.75rem 0; }
.reports { list-style: none; padding: 0; }
.report { border-top: 1px solid var(--border); padding: 0.5rem 0; }
`
