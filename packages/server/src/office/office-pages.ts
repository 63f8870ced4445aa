import { randomBytes } from 'node:crypto'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { hashSecret, isPolisError, type Language, PolisError } from '@polis/kernel'
import { decide, findCase, readApplicantData, recordEvents, requestInformation } from '@polis/services'
import { escapeHtml, renderServerPage } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { pageLanguage, pageLocales } from '../http/page-language.ts'
import { requireSameOrigin } from '../http/same-origin.ts'
import type { Platform } from '../platform/create-platform.ts'
import type { ServiceEngine } from '../services/create-service-engine.ts'
import { createPolisIdClient } from '../sign-in/polis-id-client.ts'

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
export function registerOffice(app: OpenAPIHono, options: { platform: Platform; engine: ServiceEngine }): void {
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
    const nav = official
      ? `<nav aria-label="Office" class="office-nav"><a href="/office">${texts.queue}</a><span>${escapeHtml(official.agency)} · ${escapeHtml(official.roles.join(', '))}</span><form method="post" action="/office/logout" class="inline"><button class="link" type="submit">${texts.signOut}</button></form></nav>`
      : ''
    return c.html(
      renderServerPage({ language, brand: texts.brand, title, nonce, body: `${nav}\n${body}`, styles: officeStyles }),
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
    const show = c.req.query('show') === 'all' ? 'all' : 'waiting'
    let query = store.db
      .selectFrom('applications')
      .selectAll()
      .where('agency', '=', official.agency)
      .orderBy('created_at', 'asc')
      .limit(200)
    if (show === 'waiting') query = query.where('status', '=', 'in-review')
    const rows = await query.execute()
    const counts = await store.db
      .selectFrom('applications')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .where('agency', '=', official.agency)
      .groupBy('status')
      .execute()
    const dues = new Map<string, string>()
    for (const row of rows) {
      const queued = await store.db
        .selectFrom('application_events')
        .select('data')
        .where('application_id', '=', row.id)
        .where('type', '=', 'queued')
        .executeTakeFirst()
      const due = queued ? (JSON.parse(queued.data) as { due?: string }).due : undefined
      if (due) dues.set(row.id, due)
    }
    const date = (iso: string) =>
      new Intl.DateTimeFormat(pageLocales[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso))
    const body = `<h1>${texts.queue}: ${escapeHtml(official.agency)}</h1>
<p class="counts">${counts.map((c) => `<span class="tag">${escapeHtml(c.status)}: ${Number(c.count)}</span>`).join(' ')}</p>
<p>${texts.filter}: ${show === 'waiting' ? `<strong>${texts.waiting}</strong> · <a href="/office?show=all">${texts.all}</a>` : `<a href="/office">${texts.waiting}</a> · <strong>${texts.all}</strong>`}</p>
${
  rows.length === 0
    ? `<p>${texts.empty}</p>`
    : `<table><caption class="visually-hidden">${texts.queue}</caption><thead><tr><th scope="col">${texts.service}</th><th scope="col">${texts.received}</th><th scope="col">${texts.due}</th><th scope="col">${texts.status}</th><th scope="col">${texts.assignee}</th></tr></thead><tbody>${rows
        .map((row) => {
          const name = serviceName(engine, row.service_code, language)
          const due = dues.get(row.id)
          const taken =
            row.assignee === `official:${official.id}` ? texts.you : row.assignee ? texts.anotherOfficial : texts.nobody
          return `<tr><td><a href="/office/cases/${row.id}">${escapeHtml(name)}</a></td><td>${date(row.created_at)}</td><td>${due ? date(due) : '—'}</td><td>${escapeHtml(row.status)}</td><td>${taken}</td></tr>`
        })
        .join('')}</tbody></table>`
}`
    return page(c, texts.queue, body, official)
  })

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
    const definition = engine.find(row.service_code)
    const person = await readApplicantData(engine.ports, definition, row.citizen_id)
    const submitted = view.events.find((e) => e.type === 'submitted')?.data.answers as
      | Record<string, unknown>
      | undefined
    const prefilled = view.events.find((e) => e.type === 'prefilled')?.data.values as
      | Record<string, unknown>
      | undefined
    const label = (field: string) =>
      definition.pages.flatMap((p) => p.fields).find((f) => f.id === field)?.label[language] ?? field
    const list = (values: Record<string, unknown> | undefined) =>
      Object.entries(values ?? {})
        .map(
          ([k, v]) =>
            `<dt>${escapeHtml(label(k))}</dt><dd>${escapeHtml(typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v))}</dd>`,
        )
        .join('')
    const time = (iso: string) =>
      new Intl.DateTimeFormat(pageLocales[language], {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'UTC',
      }).format(new Date(iso))
    const decider = official.roles.includes('decider')
    const waiting = row.status === 'in-review'
    const asked = row.status === 'info-requested'
    const mine = row.assignee === `official:${official.id}`
    const actions = asked
      ? `<p>${texts.waitingForCitizen}</p>`
      : !waiting
        ? `<p>${texts.decidedAlready}</p>`
        : !mine
          ? `<form method="post" action="/office/cases/${row.id}/take"><button class="primary" type="submit">${texts.take}</button></form>`
          : !decider
            ? `<p>${texts.notDecider}</p>`
            : `<form method="post" action="/office/cases/${row.id}/decide" novalidate>
${problem ? `<p class="bad" role="alert" id="reason-error">${escapeHtml(problem)}</p>` : ''}
<label for="reason">${texts.reason}</label>
<textarea id="reason" name="reason" rows="3"${problem ? ' aria-invalid="true" aria-describedby="reason-error"' : ''}></textarea>
<button class="primary" type="submit" name="outcome" value="approve">${texts.approve}</button>
<button class="secondary" type="submit" name="outcome" value="reject">${texts.reject}</button>
<button class="secondary" type="submit" name="outcome" value="ask">${texts.ask}</button>
</form>`
    const body = `<a class="back" href="/office">${texts.queue}</a>
<h1>${escapeHtml(definition.name[language])}</h1>
<p><span class="tag">${escapeHtml(row.status)}</span> · ${texts.received} ${time(row.created_at)}</p>
<h2>${texts.applicant}</h2>
<dl><dt>${texts.name}</dt><dd>${escapeHtml(`${person.person.given_name ?? ''} ${person.person.family_name ?? ''}`)}</dd><dt>${texts.birthDate}</dt><dd>${escapeHtml(String(person.person.birth_date ?? ''))}</dd></dl>
<h2>${texts.answers}</h2>
<dl>${list(submitted)}</dl>
${prefilled && Object.keys(prefilled).length > 0 ? `<h2>${texts.fromRegistries}</h2><dl>${list(prefilled)}</dl>` : ''}
<h2>${texts.decision}</h2>
${actions}
<h2>${texts.history}</h2>
<ol class="timeline">${view.events
      .map((e) => {
        // A reason (a decision's, a question) or what the citizen answered.
        const said = e.reason ?? (typeof e.data.answer === 'string' ? e.data.answer : null)
        const who = e.actor.startsWith('citizen:') ? texts.citizen : e.actor
        return `<li><strong>${escapeHtml(e.type)}</strong> ${time(e.at)} · ${escapeHtml(who)}${said ? `<br>${escapeHtml(said)}` : ''}</li>`
      })
      .join('')}</ol>`
    return page(c, definition.name[language], body, official, problem ? 400 : 200)
  }

  app.get('/office/cases/:id', async (c) => {
    const official = await officialOf(c)
    if (!official) return c.redirect(`/office/login?return=${encodeURIComponent(c.req.path)}`, 303)
    return casePage(c, official, c.req.param('id'))
  })

  app.post('/office/cases/:id/take', async (c) => {
    sameOrigin(c)
    const official = await officialOf(c)
    if (!official) return c.redirect('/office/login', 303)
    const { row } = await caseOf(official, c.req.param('id'))
    if (row.status !== 'in-review') throw new PolisError('ERR_FORBIDDEN', { detail: 'the case is not waiting' })
    await store.db
      .updateTable('applications')
      .set({ assignee: `official:${official.id}` })
      .where('id', '=', row.id)
      .where('agency', '=', official.agency)
      .execute()
    await recordEvents(engine.ports, row.id, [
      { type: 'assigned', at: platform.now().toISOString(), actor: `official:${official.id}`, reason: null, data: {} },
    ])
    return c.redirect(`/office/cases/${row.id}`, 303)
  })

  app.post('/office/cases/:id/decide', async (c) => {
    const texts = officeTexts[languageOf(c)]
    sameOrigin(c)
    const official = await officialOf(c)
    if (!official) return c.redirect('/office/login', 303)
    const { row, view } = await caseOf(official, c.req.param('id'))
    if (!official.roles.includes('decider')) throw new PolisError('ERR_FORBIDDEN', { detail: 'not a decider' })
    if (row.status !== 'in-review' || row.assignee !== `official:${official.id}`) {
      throw new PolisError('ERR_FORBIDDEN', { detail: 'take the case before deciding it' })
    }
    const form = (await c.req.parseBody()) as Record<string, unknown>
    const reason = typeof form.reason === 'string' ? form.reason.trim().slice(0, 1000) : ''
    const definition = engine.find(row.service_code)
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
    const answers = {
      ...(view.events.find((e) => e.type === 'submitted')?.data.answers as Record<string, unknown> | undefined),
      ...(view.events.find((e) => e.type === 'prefilled')?.data.values as Record<string, unknown> | undefined),
    }
    await decide(engine.ports, definition, row.id, row.citizen_id, {
      outcome,
      actor: `official:${official.id}`,
      reason: reason || null,
      ...(reason ? { reasonText: { uk: reason, en: reason, et: reason } } : {}),
      answers,
    })
    return c.redirect(`/office/cases/${row.id}`, 303)
  })
}

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
.office-nav a, .office-nav .link { color: var(--accent); font-weight: 600; }
form.inline { display: inline; margin: 0 0 0 auto; }
button.link { display: inline; width: auto; min-height: 24px; margin: 0; padding: 0; border: 0; background: none; text-decoration: underline; font-weight: 600; color: var(--accent); }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid var(--border); }
.tag { display: inline-block; padding: 0 0.5rem; border-radius: 6px; border: 1px solid var(--border); }
textarea { display: block; width: 100%; font: inherit; color: var(--fg); background: var(--card); border: 1px solid var(--border); border-radius: 12px; padding: 0.5rem; box-sizing: border-box; }
.timeline { padding-left: 1.25rem; }
.back { display: inline-block; margin-bottom: 1rem; color: var(--fg); }
a.start { width: auto; display: inline-flex; padding: 0 1.5rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`
