import { randomBytes } from 'node:crypto'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { hashSecret, isPolisError, type Language, messageOf, PolisError } from '@polis/kernel'
import {
  bundleOf,
  type CaseStages,
  caseStages,
  decide,
  findCase,
  getAttachmentContent,
  listAttachments,
  passStage,
  readApplicantData,
  recordEvents,
  requestInformation,
  serviceInsight,
  stageActions,
  withRecordOptions,
} from '@polis/services'
import { escapeHtml, renderServerPage } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { crossBorderNavLink, registerOfficeCrossBorder } from '../cross-border/office-cross-border.ts'
import { languageLinks, pageLanguage, pageLocales } from '../http/page-language.ts'
import { requireSameOrigin } from '../http/same-origin.ts'
import { sendAttachment } from '../http/send-attachment.ts'
import type { Platform } from '../platform/create-platform.ts'
import { attachmentsHtml } from '../portal/portal-attachments.ts'
import { portalTexts } from '../portal/portal-texts.ts'
import type { ServiceEngine } from '../services/create-service-engine.ts'
import { createPolisIdClient } from '../sign-in/polis-id-client.ts'
import { registerServiceBuilder } from './office-builder.ts'
import { businessesNavLinks, officeBusinessesStyles, registerOfficeBusinesses } from './office-businesses.ts'
import { clientsNavLink, registerOfficeClients } from './office-clients.ts'
import { confirmationsHtml } from './office-confirmations.ts'
import { exchangeNavLink, exchangeStatusBody, exchangeTitle, operatesExchange } from './office-exchange.ts'
import { insightBody, insightTitle } from './office-insight.ts'
import { keysNavLink, registerOfficeKeys } from './office-keys.ts'
import { registerOfficeServices, servicesNavLink } from './office-services-pages.ts'
import { openStagesName, roleName, stageStyles, stagesHtml, stageTexts } from './office-stages.ts'
import { findQueue, queueFilter } from './work-queue.ts'

const sessionCookie = 'polis_office'
const loginCookie = 'polis_office_login'
const sessionHours = 8

/** Who is at the desk: the official, their agency and roles, as Polis ID vouched for them. */
interface Official {
  id: string
  agency: string
  roles: string[]
}

const officeTexts = {
  en: {
    brand: 'Office',
    queue: 'Work queue',
    signIn: 'Sign in with Polis ID',
    signInText: 'Officials sign in with their wallet and their authenticator code.',
    signOut: 'Sign out',
    empty: 'No applications are waiting.',
    service: 'Service',
    received: 'Received',
    partOf:
      'Part of the life-event application “{name}” ({reference}): the services after this one start when it is approved.',
    due: 'Decide by',
    status: 'Status',
    assignee: 'Taken by',
    nobody: 'nobody',
    you: 'you',
    applicant: 'Applicant',
    answers: 'Answers',
    fromRegistries: 'From the registries',
    history: 'History',
    take: 'Take this case',
    approve: 'Approve',
    reject: 'Refuse',
    reason: 'Reason for the decision',
    reasonNeeded: 'Give the reason for refusing: the citizen reads it.',
    questionNeeded: 'Write the question for the citizen in the box above.',
    ask: 'Ask the citizen for more',
    waitingForCitizen: 'Waiting for the citizen’s answer.',
    decidedAlready: 'This case is decided.',
    notDecider: 'Only officials with the decider role decide cases.',
    filter: 'Show',
    waiting: 'Waiting',
    all: 'All',
    name: 'Name',
    birthDate: 'Date of birth',
    decision: 'Decision',
    citizen: 'the citizen',
    anotherOfficial: 'another official',
    cannotUse: 'You cannot use the office',
    yes: 'Yes',
    no: 'No',
    asked: 'Asked the citizen',
    anyService: 'Any service',
    takenBy: 'Taken by',
    anyone: 'Anyone',
    mine: 'Me',
    unassigned: 'Nobody yet',
    apply: 'Show these',
    overdue: 'overdue',
    overdueCount: 'Overdue',
    showing: 'Showing the first {shown} of {total}.',
    reassign: 'Give this case to',
    reassignButton: 'Reassign',
    release: 'Put back in the queue',
    supervisorOnly: 'Only a supervisor gives a case to someone else.',
    takenAlready: 'Another official took this case first.',
    files: 'Attached files',
  },
  uk: {
    brand: 'Офіс',
    queue: 'Черга справ',
    signIn: 'Увійти через Polis ID',
    signInText: 'Посадовці входять гаманцем і кодом автентифікатора.',
    signOut: 'Вийти',
    empty: 'Справ, що чекають, немає.',
    service: 'Послуга',
    received: 'Надійшла',
    partOf: 'Частина заяви «{name}» ({reference}): наступні послуги розпочнуться, коли цю буде схвалено.',
    due: 'Вирішити до',
    status: 'Стан',
    assignee: 'Хто взяв',
    nobody: 'ніхто',
    you: 'ви',
    applicant: 'Заявник',
    answers: 'Відповіді',
    fromRegistries: 'З реєстрів',
    history: 'Історія',
    take: 'Взяти справу',
    approve: 'Схвалити',
    reject: 'Відмовити',
    reason: 'Підстава рішення',
    reasonNeeded: 'Вкажіть підставу відмови: громадянин її прочитає.',
    questionNeeded: 'Напишіть запитання до громадянина в полі вище.',
    ask: 'Запитати в громадянина більше',
    waitingForCitizen: 'Чекаємо на відповідь громадянина.',
    decidedAlready: 'У справі ухвалено рішення.',
    notDecider: 'Рішення ухвалюють лише посадовці з роллю decider.',
    filter: 'Показати',
    waiting: 'Очікують',
    all: 'Усі',
    name: 'Ім’я',
    birthDate: 'Дата народження',
    decision: 'Рішення',
    citizen: 'громадянин',
    anotherOfficial: 'інший посадовець',
    cannotUse: 'Ви не можете користуватися офісом',
    yes: 'Так',
    no: 'Ні',
    asked: 'Запитано в громадянина',
    anyService: 'Будь-яка послуга',
    takenBy: 'Хто взяв',
    anyone: 'Будь-хто',
    mine: 'Я',
    unassigned: 'Ще ніхто',
    apply: 'Показати',
    overdue: 'прострочено',
    overdueCount: 'Прострочені',
    showing: 'Показано перші {shown} з {total}.',
    reassign: 'Передати справу',
    reassignButton: 'Передати',
    release: 'Повернути в чергу',
    supervisorOnly: 'Передати справу іншому може лише керівник.',
    takenAlready: 'Цю справу вже взяв інший посадовець.',
    files: 'Додані файли',
  },
  et: {
    brand: 'Büroo',
    queue: 'Tööjärjekord',
    signIn: 'Logi sisse Polis ID-ga',
    signInText: 'Ametnikud logivad sisse rahakoti ja autentimisrakenduse koodiga.',
    signOut: 'Logi välja',
    empty: 'Ootel asju ei ole.',
    service: 'Teenus',
    received: 'Saabunud',
    partOf: 'Osa elusündmuse taotlusest „{name}” ({reference}): järgmised teenused algavad, kui see on heaks kiidetud.',
    due: 'Otsustada hiljemalt',
    status: 'Olek',
    assignee: 'Kes võttis',
    nobody: 'keegi',
    you: 'teie',
    applicant: 'Taotleja',
    answers: 'Vastused',
    fromRegistries: 'Registritest',
    history: 'Ajalugu',
    take: 'Võta asi menetlusse',
    approve: 'Rahulda',
    reject: 'Keeldu',
    reason: 'Otsuse põhjendus',
    reasonNeeded: 'Kirjutage keeldumise põhjus: kodanik loeb seda.',
    questionNeeded: 'Kirjutage küsimus kodanikule ülal olevasse välja.',
    ask: 'Küsi kodanikult lisa',
    waitingForCitizen: 'Ootame kodaniku vastust.',
    decidedAlready: 'Selles asjas on otsus tehtud.',
    notDecider: 'Otsuseid teevad ainult decider-rolliga ametnikud.',
    filter: 'Näita',
    waiting: 'Ootel',
    all: 'Kõik',
    name: 'Nimi',
    birthDate: 'Sünniaeg',
    decision: 'Otsus',
    citizen: 'kodanik',
    anotherOfficial: 'teine ametnik',
    cannotUse: 'Te ei saa bürood kasutada',
    yes: 'Jah',
    no: 'Ei',
    asked: 'Kodanikult küsitud',
    anyService: 'Iga teenus',
    takenBy: 'Võttis',
    anyone: 'Igaüks',
    mine: 'Mina',
    unassigned: 'Veel keegi',
    apply: 'Näita',
    overdue: 'tähtaeg möödas',
    overdueCount: 'Tähtaeg möödas',
    showing: 'Näidatakse esimest {shown} / {total}.',
    reassign: 'Anna asi',
    reassignButton: 'Anna edasi',
    release: 'Pane tagasi järjekorda',
    supervisorOnly: 'Asja saab teisele anda ainult juht.',
    takenAlready: 'Selle asja võttis juba teine ametnik.',
    files: 'Lisatud failid',
  },
} as const satisfies Record<Language, Record<string, string>>

/**
 * The officials' office at `/office`: their agency's work queue (waiting cases by
 * deadline, with counts), a case with what the citizen answered and what the
 * registries said, taking a case, and deciding it (approve, or refuse with a reason the
 * citizen reads), every step an event with the official's name. Officials sign in
 * through Polis ID with the wallet and their second factor (level high); an official
 * never sees another agency's cases. In Ukrainian, English or Estonian.
 */
export function registerOffice(
  app: OpenAPIHono,
  options: { platform: Platform; engine: ServiceEngine; log?: (line: Record<string, unknown>) => void },
): void {
  const { platform, engine } = options
  const { store } = platform
  const secure = platform.publicUrl.startsWith('https:')
  const languageOf = (c: Context) => pageLanguage(c, secure)
  const client = createPolisIdClient(platform, {
    metaKey: 'office.client',
    name: `${platform.config.POLIS_COUNTRY_NAME} office`,
    purpose: { uk: 'Робота посадовців', en: 'Officials’ work', et: 'Ametnike töö' },
    callbackPath: '/office/callback',
    afterLogoutPath: '/office',
    scopes: ['openid', 'profile', 'office'],
    acr: 'high',
  })

  const officialOf = async (c: Context): Promise<Official | undefined> => {
    const session = getCookie(c, sessionCookie)
    if (!session || session.length > 100) return undefined
    const row = await store.db
      .selectFrom('office_sessions')
      .selectAll()
      .where('id_hash', '=', hashSecret(session))
      .executeTakeFirst()
    if (!row || new Date(row.expires_at) <= platform.now()) return undefined
    return { id: row.official_id, agency: row.agency, roles: JSON.parse(row.roles) }
  }

  const page = (c: Context, title: string, body: string, official?: Official, status: 200 | 400 | 403 | 404 = 200) => {
    const language = languageOf(c)
    const texts = officeTexts[language]
    const nonce = randomBytes(16).toString('base64url')
    c.header(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    )
    c.header('cache-control', 'no-store')
    c.header('referrer-policy', 'same-origin')
    const languagesNav = `<span class="languages">${languageLinks(c.req.path, language)}</span>`
    const nav = official
      ? `<nav aria-label="${texts.brand}" class="office-nav"><a href="/office">${texts.queue}</a><a href="/office/insight">${insightTitle(language)}</a>${servicesNavLink(official, language)}${businessesNavLinks(official, language)}${clientsNavLink(official, language)}${keysNavLink(official, language)}${crossBorderNavLink(official, language)}${exchangeNavLink(official, language)}<span>${escapeHtml(official.agency)} · ${escapeHtml(official.roles.join(', '))}</span>${languagesNav}<form method="post" action="/office/logout" class="inline"><button class="link" type="submit">${texts.signOut}</button></form></nav>`
      : `<nav aria-label="${texts.brand}" class="office-nav">${languagesNav}</nav>`
    return c.html(
      renderServerPage({
        language,
        brand: texts.brand,
        title,
        nonce,
        body: `${nav}\n${body}`,
        styles: officeStyles + stageStyles + officeBusinessesStyles,
      }),
      status,
    )
  }

  const sameOrigin = (c: Context) => requireSameOrigin(c, platform.publicUrl)

  app.get('/office/login', async (c) => {
    const started = await client.start(c.req.query('return') ?? '/office')
    setCookie(c, loginCookie, started.cookie, { path: '/office', httpOnly: true, sameSite: 'Lax', maxAge: 600, secure })
    return c.redirect(started.url, 303)
  })

  app.get('/office/callback', async (c) => {
    const texts = officeTexts[languageOf(c)]
    try {
      const done = await client.finish(new URL(c.req.url, platform.publicUrl), getCookie(c, loginCookie))
      const agency = typeof done.userinfo.agency === 'string' ? done.userinfo.agency : undefined
      const roles = Array.isArray(done.userinfo.roles) ? done.userinfo.roles.map(String) : []
      if (!agency || roles.length === 0) throw new PolisError('ERR_FORBIDDEN', { detail: 'not an official' })
      const session = randomBytes(32).toString('base64url')
      const now = platform.now()
      await store.db
        .insertInto('office_sessions')
        .values({
          id_hash: hashSecret(session),
          official_id: done.subject,
          agency,
          roles: JSON.stringify(roles),
          id_token: done.idToken,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + sessionHours * 3_600_000).toISOString(),
        })
        .execute()
      deleteCookie(c, loginCookie, { path: '/office' })
      setCookie(c, sessionCookie, session, { path: '/office', httpOnly: true, sameSite: 'Lax', secure })
      return c.redirect(done.returnTo.startsWith('/office') ? done.returnTo : '/office', 303)
    } catch (error) {
      if (!isPolisError(error, 'ERR_FORBIDDEN')) throw error
      return page(
        c,
        texts.signIn,
        `<h1>${texts.cannotUse}</h1><p>${escapeHtml(error.message)}</p><p><a href="/office/login">${texts.signIn}</a></p>`,
        undefined,
        403,
      )
    }
  })

  app.post('/office/logout', async (c) => {
    sameOrigin(c)
    const session = getCookie(c, sessionCookie)
    let idToken: string | null = null
    if (session) {
      const row = await store.db
        .selectFrom('office_sessions')
        .select('id_token')
        .where('id_hash', '=', hashSecret(session))
        .executeTakeFirst()
      idToken = row?.id_token ?? null
      await store.db.deleteFrom('office_sessions').where('id_hash', '=', hashSecret(session)).execute()
    }
    deleteCookie(c, sessionCookie, { path: '/office' })
    return c.redirect(await client.endSessionUrl(idToken), 303)
  })

  app.get('/office', async (c) => {
    const language = languageOf(c)
    const texts = officeTexts[language]
    const official = await officialOf(c)
    if (!official) {
      return page(
        c,
        texts.brand,
        `<h1>${texts.brand}</h1><p>${texts.signInText}</p><a class="button primary start" href="/office/login">${texts.signIn}</a>`,
      )
    }
    const filter = queueFilter(c.req.query(), engine, official.agency)
    const found = await findQueue(store, {
      official,
      filter,
      now: platform.now(),
      definitionOf: (code, version) => engine.findVersion(code, version),
    })
    const staged = stageTexts[language]
    const counts = await store.db
      .selectFrom('applications')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .where('agency', '=', official.agency)
      .groupBy('status')
      .execute()
    const date = (iso: string) =>
      new Intl.DateTimeFormat(pageLocales[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso))
    const choice = (value: string, label: string, chosen: string) =>
      `<option value="${escapeHtml(value)}"${value === chosen ? ' selected' : ''}>${escapeHtml(label)}</option>`
    const services = engine.catalogue.filter((d) => d.agency === official.agency)
    const form = `<form method="get" action="/office" class="filters">
<div><label for="status">${texts.filter}</label><select id="status" name="status">${[
      ['waiting', texts.waiting],
      ['asked', texts.asked],
      ['all', texts.all],
    ]
      .map(([value, label]) => choice(value as string, label as string, filter.status))
      .join('')}</select></div>
<div><label for="service">${texts.service}</label><select id="service" name="service">${choice('', texts.anyService, filter.service ?? '')}${services
      .map((d) => choice(d.code, d.name[language], filter.service ?? ''))
      .join('')}</select></div>
<div><label for="who">${texts.takenBy}</label><select id="who" name="who">${[
      ['anyone', texts.anyone],
      ['mine', texts.mine],
      ['unassigned', texts.unassigned],
    ]
      .map(([value, label]) => choice(value as string, label as string, filter.who))
      .join('')}</select></div>
<div><label for="role">${staged.waitingFor}</label><select id="role" name="role">${[
      ['any', staged.anyRole],
      ['mine', staged.myRoles],
    ]
      .map(([value, label]) => choice(value as string, label as string, filter.role))
      .join('')}</select></div>
<button type="submit" class="secondary">${texts.apply}</button>
</form>`
    const body = `<h1>${texts.queue}: ${escapeHtml(official.agency)}</h1>
<p class="counts">${counts.map((c) => `<span class="tag">${escapeHtml(statusName(language, c.status))}: ${Number(c.count)}</span>`).join(' ')}${found.overdue > 0 ? ` <span class="tag overdue">${texts.overdueCount}: ${found.overdue}</span>` : ''}</p>
${form}
${
  found.cases.length === 0
    ? `<p>${texts.empty}</p>`
    : `${found.total > found.cases.length ? `<p>${texts.showing.replace('{shown}', String(found.cases.length)).replace('{total}', String(found.total))}</p>` : ''}<table><caption class="visually-hidden">${texts.queue}</caption><thead><tr><th scope="col">${texts.service}</th><th scope="col">${texts.received}</th><th scope="col">${texts.due}</th><th scope="col">${texts.status}</th><th scope="col">${staged.stageColumn}</th><th scope="col">${texts.assignee}</th></tr></thead><tbody>${found.cases
        .map((row) => {
          const name = serviceName(engine, row.serviceCode, language)
          const taken =
            row.assignee === `official:${official.id}` ? texts.you : row.assignee ? texts.anotherOfficial : texts.nobody
          const due = row.due
            ? `${date(row.due)}${row.overdue ? ` <strong class="overdue">${texts.overdue}</strong>` : ''}`
            : '—'
          return `<tr><td data-label="${texts.service}"><a href="/office/cases/${row.id}">${escapeHtml(name)}</a></td><td data-label="${texts.received}">${date(row.createdAt)}</td><td data-label="${texts.due}">${due}</td><td data-label="${texts.status}">${escapeHtml(statusName(language, row.status))}</td><td data-label="${staged.stageColumn}">${row.stages && row.status === 'in-review' ? escapeHtml(openStagesName(row.stages, language)) : '—'}</td><td data-label="${texts.assignee}">${taken}</td></tr>`
        })
        .join('')}</tbody></table>`
}`
    return page(c, texts.queue, body, official)
  })

  /** An official's name from the population register, for the stages they passed; their id if it has none. */
  const officialName = async (actor: string) => {
    const citizenId = actor.replace(/^official:/, '')
    const [person] = await platform.queryRegistry({
      registry: 'population',
      kind: 'person',
      citizenId,
      purpose: 'office:staff',
    })
    const data = (person?.data ?? {}) as { given_name?: string; family_name?: string }
    return `${data.given_name ?? ''} ${data.family_name ?? ''}`.trim() || actor
  }

  /**
   * The agency's officials who may be given a case at the stage it is at (a decider's
   * role without stages), and who acted at no other stage of it, with their names.
   */
  const deciders = async (agency: string, at?: { role: string; barred: ReadonlySet<string> }) => {
    const rows = await store.db
      .selectFrom('officials')
      .select(['citizen_id', 'roles'])
      .where('agency', '=', agency)
      .where('disabled_at', 'is', null)
      .execute()
    const found: Array<{ citizenId: string; name: string }> = []
    for (const row of rows) {
      if (!(JSON.parse(row.roles) as string[]).includes(at?.role ?? 'decider')) continue
      if (at?.barred.has(`official:${row.citizen_id}`)) continue
      const [person] = await platform.queryRegistry({
        registry: 'population',
        kind: 'person',
        citizenId: row.citizen_id,
        purpose: 'office:staff',
      })
      const data = (person?.data ?? {}) as { given_name?: string; family_name?: string }
      found.push({ citizenId: row.citizen_id, name: `${data.given_name ?? ''} ${data.family_name ?? ''}`.trim() })
    }
    return found.sort((a, b) => a.name.localeCompare(b.name))
  }

  /** A case of the official's own agency, or ERR_NOT_FOUND: another agency's cases do not exist here. */
  const caseOf = async (official: Official, id: string) => {
    const found = await findCase(store, official.agency, id)
    return {
      row: {
        id: found.view.id,
        citizen_id: found.citizenId,
        service_code: found.view.serviceCode,
        status: found.view.status as string,
        created_at: found.view.createdAt,
        assignee: found.assignee,
      },
      view: found.view,
    }
  }

  const casePage = async (c: Context, official: Official, id: string, problem?: string) => {
    const language = languageOf(c)
    const texts = officeTexts[language]
    const { row, view } = await caseOf(official, id)
    const definition = await engine.findVersion(row.service_code, view.serviceVersion)
    const person = await readApplicantData(engine.ports, definition, row.citizen_id)
    const submitted = view.events.find((e) => e.type === 'submitted')?.data.answers as
      | Record<string, unknown>
      | undefined
    const prefilled = view.events.find((e) => e.type === 'prefilled')?.data.values as
      | Record<string, unknown>
      | undefined
    // A choice among the citizen's own records (their vehicle) shows as they saw it.
    const fields = definition.pages.flatMap((p) => p.fields).map((f) => withRecordOptions(f, person))
    const label = (field: string) => fields.find((f) => f.id === field)?.label[language] ?? field
    const files = await listAttachments(store, row.id)
    // A choice as the citizen saw it (its label, in the official's language), not its code.
    const shown = (field: string, value: unknown) => {
      if (typeof value === 'boolean') return value ? texts.yes : texts.no
      // A file by its name; the list below downloads it.
      const file = files.find((f) => f.id === value && f.fieldId === field)
      if (file) return file.fileName
      const option = fields.find((f) => f.id === field)?.options?.find((o) => o.value === value)
      return option ? option.label[language] : String(value)
    }
    const list = (values: Record<string, unknown> | undefined) =>
      Object.entries(values ?? {})
        .map(([k, v]) => `<dt>${escapeHtml(label(k))}</dt><dd>${escapeHtml(shown(k, v))}</dd>`)
        .join('')
    const time = (iso: string) =>
      new Intl.DateTimeFormat(pageLocales[language], {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'UTC',
      }).format(new Date(iso))
    // A life-event bundle's part: the official is told that more follows on the citizen's side.
    const bundle = await bundleOf(engine.ports, row.id)
    const bundleName = bundle ? (engine.catalogue.find((d) => d.code === bundle.serviceCode)?.name[language] ?? '') : ''
    // In stages, what the official may do is their roles at the stage open now, and four eyes.
    const staged = stageTexts[language]
    const stages = caseStages(definition, view.events)
    const may = stages ? stageActions(stages, { actor: `official:${official.id}`, roles: official.roles }) : undefined
    const decider = may ? may.act : official.roles.includes('decider')
    const waiting = row.status === 'in-review'
    const asked = row.status === 'info-requested'
    const mine = row.assignee === `official:${official.id}`
    const notDecider = stages
      ? staged.notYourRole.replace(
          '{role}',
          [...new Set(stages.open.map((s) => roleName(language, s.role)))].join(', '),
        )
      : texts.notDecider
    // A problem the decision form does not show at its field: said above the actions.
    const shownInForm = waiting && mine && decider && !asked
    const notice = problem && !shownInForm ? `<p class="bad" role="alert">${escapeHtml(problem)}</p>` : ''
    const passButtons = (may?.pass ?? [])
      .map(
        (stage, _, all) =>
          `<button class="primary" type="submit" formaction="/office/cases/${row.id}/pass" name="stage" value="${escapeHtml(stage.id)}">${escapeHtml(all.length > 1 ? staged.passNamed.replace('{stage}', stage.name[language]) : staged.pass)}</button>`,
      )
      .join('\n')
    const actions = asked
      ? `<p>${texts.waitingForCitizen}</p>`
      : !waiting
        ? `<p>${texts.decidedAlready}</p>`
        : may?.barred
          ? problem
            ? ''
            : `<p>${staged.barred}</p>`
          : !mine && (decider || !stages)
            ? `<form method="post" action="/office/cases/${row.id}/take"><button class="primary" type="submit">${texts.take}</button></form>`
            : !decider
              ? `<p>${escapeHtml(notDecider)}</p>`
              : `<form method="post" action="/office/cases/${row.id}/decide" novalidate>
${problem ? `<p class="bad" role="alert" id="reason-error">${escapeHtml(problem)}</p>` : ''}
<label for="reason">${stages ? staged.note : texts.reason}</label>
<textarea id="reason" name="reason" rows="3"${problem ? ' aria-invalid="true" aria-describedby="reason-error"' : ''}></textarea>
${passButtons}
${!may || may.decide ? `<button class="primary" type="submit" name="outcome" value="approve">${texts.approve}</button>` : ''}
<button class="secondary" type="submit" name="outcome" value="reject">${texts.reject}</button>
<button class="secondary" type="submit" name="outcome" value="ask">${texts.ask}</button>
</form>`
    const supervise =
      official.roles.includes('supervisor') && waiting
        ? `<form method="post" action="/office/cases/${row.id}/assign" class="assign">
<label for="to">${texts.reassign}</label>
<select id="to" name="to">${(await deciders(official.agency, stageRole(stages)))
            .map(
              (d) =>
                `<option value="${escapeHtml(d.citizenId)}"${row.assignee === `official:${d.citizenId}` ? ' selected' : ''}>${escapeHtml(d.name || d.citizenId)}</option>`,
            )
            .join('')}</select>
<button class="secondary" type="submit">${texts.reassignButton}</button>
${row.assignee ? `<button class="secondary" type="submit" name="to" value="">${texts.release}</button>` : ''}
</form>`
        : ''
    const names = new Map<string, string>()
    for (const passed of stages?.passed ?? []) names.set(passed.actor, await officialName(passed.actor))
    const body = `<a class="back" href="/office">${texts.queue}</a>
<h1>${escapeHtml(definition.name[language])}</h1>
<p><span class="tag">${escapeHtml(statusName(language, row.status))}</span> · ${texts.received} ${time(row.created_at)}</p>
${bundle ? `<p>${escapeHtml(texts.partOf.replace('{name}', bundleName).replace('{reference}', bundle.id.slice(0, 8).toUpperCase()))}</p>` : ''}
<h2>${texts.applicant}</h2>
<dl><dt>${texts.name}</dt><dd>${escapeHtml(`${person.person.given_name ?? ''} ${person.person.family_name ?? ''}`)}</dd><dt>${texts.birthDate}</dt><dd>${escapeHtml(String(person.person.birth_date ?? ''))}</dd></dl>
<h2>${texts.answers}</h2>
<dl>${list(submitted)}</dl>
${attachmentsHtml(files, (f) => `/office/cases/${row.id}/attachments/${f.id}`, texts.files, language)}
${prefilled && Object.keys(prefilled).length > 0 ? `<h2>${texts.fromRegistries}</h2><dl>${list(prefilled)}</dl>` : ''}
${confirmationsHtml(definition, view.events, language, time)}
${stages ? stagesHtml(stages, { language, time, who: (actor) => (actor === `official:${official.id}` ? texts.you : (names.get(actor) ?? actor)) }) : ''}
<h2>${texts.decision}</h2>
${notice}${actions}
${supervise}
<h2>${texts.history}</h2>
<ol class="timeline">${view.events
      .map((e) => {
        // A reason (a decision's, a question) or what the citizen answered.
        const said =
          e.reason ??
          (typeof e.data.answer === 'string' ? e.data.answer : typeof e.data.note === 'string' ? e.data.note : null)
        const who = e.actor.startsWith('citizen:') ? texts.citizen : e.actor
        const stage = e.type === 'stage-passed' ? stages?.stages.find((s) => s.id === e.data.stage) : undefined
        const what = stage ? `${staged.stagePassed}: ${stage.name[language]}` : eventName(language, e.type)
        return `<li><strong>${escapeHtml(what)}</strong> ${time(e.at)} · ${escapeHtml(who)}${said ? `<br>${escapeHtml(said)}` : ''}</li>`
      })
      .join('')}</ol>`
    return page(c, definition.name[language], body, official, problem ? 400 : 200)
  }

  // The agency's services in use: totals for any of its officials, no person named.
  app.get('/office/insight', async (c) => {
    const language = languageOf(c)
    const official = await officialOf(c)
    if (!official) return c.redirect('/office', 303)
    const weeks = 8
    const insights = await serviceInsight(store, {
      definitions: engine.catalogue,
      agency: official.agency,
      now: platform.now(),
      weeks,
    })
    const body = insightBody({ insights, definitionOf: (code) => engine.find(code), weeks, language })
    return page(c, insightTitle(language), body, official)
  })

  // The exchange's security servers, for the officials of the agency that operates it.
  app.get('/office/exchange', async (c) => {
    const language = languageOf(c)
    const official = await officialOf(c)
    if (!official) return c.redirect(`/office/login?return=${encodeURIComponent(c.req.path)}`, 303)
    if (!operatesExchange(official)) throw new PolisError('ERR_FORBIDDEN', { detail: 'not the exchange’s operator' })
    const exchange = await platform.exchange?.()
    const servers = (await exchange?.status()) ?? []
    const running = new Set(servers.map((s) => s.serverCode))
    const stopped = (exchange?.servers ?? []).filter((code) => !running.has(code))
    return page(c, exchangeTitle(language), exchangeStatusBody({ servers, stopped, language }), official)
  })

  app.get('/office/cases/:id', async (c) => {
    const official = await officialOf(c)
    if (!official) return c.redirect(`/office/login?return=${encodeURIComponent(c.req.path)}`, 303)
    return casePage(c, official, c.req.param('id'))
  })

  // A file attached to a case of the official's own agency; another agency's is not found.
  app.get('/office/cases/:id/attachments/:attachment', async (c) => {
    const official = await officialOf(c)
    if (!official) return c.redirect(`/office/login?return=${encodeURIComponent(c.req.path)}`, 303)
    const { row } = await caseOf(official, c.req.param('id'))
    return sendAttachment(await getAttachmentContent(store, row.id, c.req.param('attachment')))
  })

  app.post('/office/cases/:id/take', async (c) => {
    sameOrigin(c)
    const official = await officialOf(c)
    if (!official) return c.redirect('/office/login', 303)
    const { row, view } = await caseOf(official, c.req.param('id'))
    if (row.status !== 'in-review') throw new PolisError('ERR_FORBIDDEN', { detail: 'the case is not waiting' })
    // Who passed a stage of the case acts at no other (four eyes): told, not given it.
    const stages = caseStages(await engine.findVersion(row.service_code, view.serviceVersion), view.events)
    if (stages?.actors.has(`official:${official.id}`)) {
      return casePage(c, official, row.id, messageOf('ERR_STAGE_SAME_OFFICIAL', languageOf(c)))
    }
    // In stages, a case is taken by an official of the role of a stage open now, who can act on it.
    if (stages && !stageActions(stages, { actor: `official:${official.id}`, roles: official.roles }).act) {
      throw new PolisError('ERR_FORBIDDEN', { detail: 'the stage is for another role' })
    }
    // Two officials taking one case at once: the first wins, the second is told.
    const taken = await store.db
      .updateTable('applications')
      .set({ assignee: `official:${official.id}` })
      .where('id', '=', row.id)
      .where('agency', '=', official.agency)
      .where((eb) => eb.or([eb('assignee', 'is', null), eb('assignee', '=', `official:${official.id}`)]))
      .executeTakeFirst()
    if (Number(taken.numUpdatedRows) !== 1) {
      return casePage(c, official, row.id, officeTexts[languageOf(c)].takenAlready)
    }
    await recordEvents(engine.ports, row.id, [
      { type: 'assigned', at: platform.now().toISOString(), actor: `official:${official.id}`, reason: null, data: {} },
    ])
    return c.redirect(`/office/cases/${row.id}`, 303)
  })

  // A supervisor gives a waiting case to another decider of the agency, or puts it back in the queue.
  app.post('/office/cases/:id/assign', async (c) => {
    sameOrigin(c)
    const official = await officialOf(c)
    if (!official) return c.redirect('/office/login', 303)
    const { row, view } = await caseOf(official, c.req.param('id'))
    if (!official.roles.includes('supervisor')) throw new PolisError('ERR_FORBIDDEN', { detail: 'not a supervisor' })
    const stages = caseStages(await engine.findVersion(row.service_code, view.serviceVersion), view.events)
    if (row.status !== 'in-review') throw new PolisError('ERR_FORBIDDEN', { detail: 'the case is not waiting' })
    const form = (await c.req.parseBody()) as Record<string, unknown>
    const to = typeof form.to === 'string' ? form.to : ''
    if (to !== '' && !(await deciders(official.agency, stageRole(stages))).some((d) => d.citizenId === to)) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'not an official of this agency for the stage' })
    }
    await store.db
      .updateTable('applications')
      .set({ assignee: to === '' ? null : `official:${to}` })
      .where('id', '=', row.id)
      .where('agency', '=', official.agency)
      .execute()
    await recordEvents(engine.ports, row.id, [
      to === ''
        ? {
            type: 'released',
            at: platform.now().toISOString(),
            actor: `official:${official.id}`,
            reason: null,
            data: {},
          }
        : {
            type: 'assigned',
            at: platform.now().toISOString(),
            actor: `official:${official.id}`,
            reason: null,
            data: { to: `official:${to}` },
          },
    ])
    return c.redirect(`/office/cases/${row.id}`, 303)
  })

  app.post('/office/cases/:id/decide', async (c) => {
    const texts = officeTexts[languageOf(c)]
    sameOrigin(c)
    const official = await officialOf(c)
    if (!official) return c.redirect('/office/login', 303)
    const { row, view } = await caseOf(official, c.req.param('id'))
    const definition = await engine.findVersion(row.service_code, view.serviceVersion)
    // In stages, the roles of the stage open now act there (the last one's approves); else a decider.
    const stages = caseStages(definition, view.events)
    const may = stages ? stageActions(stages, { actor: `official:${official.id}`, roles: official.roles }) : undefined
    if (may?.barred) return casePage(c, official, row.id, messageOf('ERR_STAGE_SAME_OFFICIAL', languageOf(c)))
    if (!(may ? may.act : official.roles.includes('decider'))) {
      throw new PolisError('ERR_FORBIDDEN', { detail: 'not a decider' })
    }
    if (row.status !== 'in-review' || row.assignee !== `official:${official.id}`) {
      throw new PolisError('ERR_FORBIDDEN', { detail: 'take the case before deciding it' })
    }
    const form = (await c.req.parseBody()) as Record<string, unknown>
    const reason = typeof form.reason === 'string' ? form.reason.trim().slice(0, 1000) : ''
    if (form.outcome === 'ask') {
      if (reason.length < 5) return casePage(c, official, row.id, texts.questionNeeded)
      await requestInformation(engine.ports, definition, {
        applicationId: row.id,
        citizenId: row.citizen_id,
        actor: `official:${official.id}`,
        question: reason,
      })
      return c.redirect(`/office/cases/${row.id}`, 303)
    }
    const outcome = form.outcome === 'approve' ? 'approve' : form.outcome === 'reject' ? 'reject' : undefined
    if (!outcome) throw new PolisError('ERR_BAD_REQUEST', { detail: 'approve, reject or ask' })
    if (outcome === 'reject' && reason.length < 5) return casePage(c, official, row.id, texts.reasonNeeded)
    if (outcome === 'approve' && may && !may.decide) {
      return casePage(c, official, row.id, messageOf('ERR_STAGE_NOT_OPEN', languageOf(c)))
    }
    const answers = {
      ...(view.events.find((e) => e.type === 'submitted')?.data.answers as Record<string, unknown> | undefined),
      ...(view.events.find((e) => e.type === 'prefilled')?.data.values as Record<string, unknown> | undefined),
    }
    try {
      await decide(engine.ports, definition, row.id, row.citizen_id, {
        outcome,
        actor: `official:${official.id}`,
        reason: reason || null,
        ...(reason ? { reasonText: { uk: reason, en: reason, et: reason } } : {}),
        answers,
      })
    } catch (error) {
      // What the approval would write no longer holds (the VIN registered meanwhile): the case stays undecided.
      if (isPolisError(error) && (error.status === 422 || error.status === 409) && error.code !== 'ERR_CASE_DECIDED') {
        return casePage(c, official, row.id, messageOf(error.code, languageOf(c)))
      }
      throw error
    }
    return c.redirect(`/office/cases/${row.id}`, 303)
  })

  // An official of the stage's role passes the case on to the next stage, with a note; it goes back to the queue.
  app.post('/office/cases/:id/pass', async (c) => {
    sameOrigin(c)
    const official = await officialOf(c)
    if (!official) return c.redirect('/office/login', 303)
    const { row, view } = await caseOf(official, c.req.param('id'))
    if (row.status !== 'in-review' || row.assignee !== `official:${official.id}`) {
      throw new PolisError('ERR_FORBIDDEN', { detail: 'take the case before passing it on' })
    }
    const form = (await c.req.parseBody()) as Record<string, unknown>
    const note = typeof form.reason === 'string' ? form.reason.trim().slice(0, 1000) : ''
    try {
      await passStage(engine.ports, await engine.findVersion(row.service_code, view.serviceVersion), {
        applicationId: row.id,
        stage: typeof form.stage === 'string' ? form.stage : '',
        actor: `official:${official.id}`,
        roles: official.roles,
        note,
      })
    } catch (error) {
      if (isPolisError(error, 'ERR_STAGE_SAME_OFFICIAL') || isPolisError(error, 'ERR_STAGE_NOT_OPEN')) {
        return casePage(c, official, row.id, messageOf(error.code, languageOf(c)))
      }
      throw error
    }
    return c.redirect(`/office/cases/${row.id}`, 303)
  })

  registerOfficeServices(app, { platform, engine, officialOf, page, languageOf, sameOrigin })
  registerServiceBuilder(app, { platform, engine, officialOf, page, languageOf, sameOrigin })
  registerOfficeBusinesses(app, { platform, officialOf, page, languageOf, sameOrigin })
  registerOfficeKeys(app, { platform, officialOf, page, languageOf, sameOrigin })
  registerOfficeClients(app, { platform, officialOf, page, languageOf, sameOrigin, log: options.log ?? (() => {}) })
  registerOfficeCrossBorder(app, { platform, officialOf, page, languageOf, sameOrigin })
}

/** Whom a case at its stage may be given to: an official of the open stage's role who acted at no other. */
const stageRole = (stages: CaseStages | undefined) =>
  stages ? { role: stages.open[0]?.role ?? 'decider', barred: stages.actors } : undefined

/** A status or event in the official's language, as the portal names it to the citizen; its code if unnamed. */
const portalLabel = (language: Language, key: string) => (portalTexts[language] as Record<string, string>)[key]
const statusName = (language: Language, status: string) => portalLabel(language, `status.${status}`) ?? status
const eventName = (language: Language, type: string) => portalLabel(language, `event.${type}`) ?? type

function serviceName(engine: ServiceEngine, code: string, language: Language): string {
  try {
    return engine.find(code).name[language]
  } catch {
    return code
  }
}

const officeStyles = `
main { max-width: 60rem; }
.office-nav { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin-bottom: 1.5rem; padding-bottom: 0.75rem; border-bottom: 1px solid var(--border); }
.office-nav span { color: var(--muted); }
.office-nav .languages { display: flex; gap: 0.5rem; margin-left: auto; }
.office-nav .languages a { min-width: 24px; min-height: 24px; }
.office-nav .languages [aria-current] { color: var(--fg); font-weight: 700; }
.office-nav a, .office-nav .link { color: var(--accent); font-weight: 600; }
form.inline { display: inline; margin: 0; }
button.link { display: inline; width: auto; min-height: 24px; margin: 0; padding: 0; border: 0; background: none; text-decoration: underline; font-weight: 600; color: var(--accent); }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid var(--border); }
.tag { display: inline-block; padding: 0 0.5rem; border-radius: 6px; border: 1px solid var(--border); }
textarea { display: block; width: 100%; font: inherit; color: var(--fg); background: var(--card); border: 1px solid var(--border); border-radius: 12px; padding: 0.5rem; box-sizing: border-box; }
.timeline { padding-left: 1.25rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; margin-bottom: 1rem; }
.filters div { display: flex; flex-direction: column; }
.filters select, .assign select { font: inherit; min-height: 44px; color: var(--fg); background: var(--card); border: 1px solid var(--border); border-radius: 12px; padding: 0 0.5rem; }
.filters button { width: auto; margin: 0; }
.assign { margin-top: 1rem; }
dl { grid-template-columns: minmax(8rem, 35%) minmax(0, 1fr); }
@media (max-width: 40rem) {
  dl { grid-template-columns: minmax(0, 1fr); }
  dd { margin-bottom: 0.5rem; }
  table, tbody, tr, td { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border-bottom: 1px solid var(--border); padding: 0.5rem 0; }
  td { border: 0; padding: 0.15rem 0; }
  td::before { content: attr(data-label) ": "; color: var(--muted); }
}
.overdue { color: var(--bad, #b00020); }
.tag.overdue { border-color: currentColor; }
.back { display: inline-block; margin-bottom: 1rem; color: var(--fg); }
a.start { width: auto; display: inline-flex; padding: 0 1.5rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.files { padding-left: 1.25rem; }
.hint { color: var(--muted); margin: 0.25rem 0; font-weight: 400; }
.field-error { color: var(--bad); font-weight: 700; margin: 0.25rem 0; }
.error-summary { border: 4px solid var(--bad); border-radius: 12px; padding: 0.5rem 1rem; margin: 1rem 0; }
.error-summary a { color: var(--bad); font-weight: 700; }
.clients { list-style: none; padding: 0; }
.clients li { border-top: 1px solid var(--border); padding: 0.5rem 0; overflow-wrap: anywhere; }
.clients a { color: var(--accent); font-weight: 600; }
.notice { border-left: 4px solid var(--accent); padding-left: 0.75rem; }
.files a { color: var(--accent); font-weight: 600; word-break: break-word; }
`
