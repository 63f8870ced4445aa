/**
 * The Data Tracker on the portal (`/data-tracker`): every read of the citizen's data in
 * the registers, who read it and why, filtered by period and register, and exported as
 * CSV or JSON. A read without a valid purpose is flagged, with how to report it.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { type Language, PolisError, registryNames } from '@polis/kernel'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { openPlatformLog, type PlatformLog } from '../cli/open-platform-log.ts'
import {
  groupAccesses,
  readDataTracker,
  registryName,
  type TrackerFilter,
  trackerCsv,
  trackerFilterOf,
} from '../data-tracker/data-tracker.ts'
import { accessProof } from '../data-tracker/log-accesses.ts'
import { pageLocales } from '../http/page-language.ts'
import type { ConfirmationPagesOptions } from './portal-confirmations.ts'

const texts = {
  uk: {
    title: 'Хто переглядав ваші дані',
    intro:
      'Щоразу, коли орган влади читає ваші дані в державних реєстрах, це спершу записується тут: хто, коли, які дані й навіщо. Нічого з ваших даних тут не зберігається, лише що саме читали.',
    from: 'З дати',
    to: 'До дати',
    registry: 'Реєстр',
    anyRegistry: 'Усі реєстри',
    flaggedOnly: 'Лише позначені',
    show: 'Показати',
    export: 'Завантажити',
    none: 'За цей час ніхто не переглядав ваші дані.',
    records: 'записів: {n}',
    logged: 'У прозорому журналі: запис № {n}',
    logPending: 'Додається до прозорого журналу',
    proof: 'Доказ (для polis log verify)',
    times: 'разів: {n}',
    dateWrong: 'Введіть справжню дату, як-от 2026-05-01.',
    dateOrder: 'Кінець раніше за початок.',
    registryWrong: 'Виберіть реєстр зі списку.',
    flagged: 'Без дійсної мети',
    flaggedHelp:
      'Мета цього перегляду не відповідає жодній послузі чи функції. Повідомте про це уповноваженого з захисту персональних даних.',
    count: 'Переглядів: {n}',
  },
  en: {
    title: 'Who read your data',
    intro:
      'Every time an agency reads your data in the state’s registers, it is written here first: who, when, which data and why. None of your data is kept here, only what was read.',
    from: 'From',
    to: 'To',
    registry: 'Register',
    anyRegistry: 'All registers',
    flaggedOnly: 'Only the flagged',
    show: 'Show',
    export: 'Download',
    none: 'Nobody read your data in this period.',
    records: 'records read: {n}',
    logged: 'In the transparency log: entry {n}',
    logPending: 'Being added to the transparency log',
    proof: 'Proof (for polis log verify)',
    times: '{n} times',
    dateWrong: 'Enter a real date, such as 2026-05-01.',
    dateOrder: 'The end is before the start.',
    registryWrong: 'Choose a register from the list.',
    flagged: 'No valid purpose',
    flaggedHelp:
      'The purpose of this read matches no service or function. Report it to the data protection commissioner.',
    count: 'Reads: {n}',
  },
  et: {
    title: 'Kes teie andmeid vaatas',
    intro:
      'Iga kord, kui asutus loeb teie andmeid riigi registritest, kirjutatakse see esmalt siia: kes, millal, milliseid andmeid ja miks. Teie andmeid siin ei hoita, ainult seda, mida loeti.',
    from: 'Alates',
    to: 'Kuni',
    registry: 'Register',
    anyRegistry: 'Kõik registrid',
    flaggedOnly: 'Ainult märgitud',
    show: 'Näita',
    export: 'Laadi alla',
    none: 'Selle aja jooksul ei vaadanud keegi teie andmeid.',
    records: 'loetud kirjeid: {n}',
    logged: 'Läbipaistvuslogis: kirje {n}',
    logPending: 'Lisatakse läbipaistvuslogisse',
    proof: 'Tõend (polis log verify jaoks)',
    times: '{n} korda',
    dateWrong: 'Sisestage tegelik kuupäev, näiteks 2026-05-01.',
    dateOrder: 'Lõpp on enne algust.',
    registryWrong: 'Valige register loendist.',
    flagged: 'Kehtiva eesmärgita',
    flaggedHelp:
      'Selle lugemise eesmärk ei vasta ühelegi teenusele ega funktsioonile. Teatage sellest andmekaitse inspektsioonile.',
    count: 'Lugemisi: {n}',
  },
} as const satisfies Record<Language, Record<string, string>>

export function registerDataTrackerPages(app: OpenAPIHono, options: ConfirmationPagesOptions): void {
  const { engine, languageOf, page, requireCitizen, platform } = options
  const serviceOf = (code: string) => engine.catalogue.find((d) => d.code === code)

  app.get('/data-tracker', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const language = languageOf(c)
    const t = texts[language]
    const query = c.req.query()
    let filter: TrackerFilter = {}
    let problem: { field: string; message: string } | undefined
    try {
      filter = trackerFilterOf(query)
    } catch (error) {
      if (!(error instanceof PolisError) || !error.field) throw error
      const wrongDate = error.field !== 'registry' && !error.detail?.startsWith('from is after')
      const message = error.field === 'registry' ? t.registryWrong : wrongDate ? t.dateWrong : t.dateOrder
      problem = { field: error.field, message }
    }
    const entries = problem
      ? []
      : await readDataTracker(platform.store, { citizenId: gate.citizenId, filter, serviceOf })
    const when = new Intl.DateTimeFormat(pageLocales[language], {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    })
    const input = (name: 'from' | 'to', label: string) => {
      const wrong = problem?.field === name
      return `<div class="field${wrong ? ' has-error' : ''}"><label for="${name}">${escapeHtml(label)}</label>
${wrong ? `<p class="field-error" id="${name}-error">${escapeHtml(problem?.message ?? '')}</p>` : ''}
<input id="${name}" name="${name}" type="date" value="${escapeHtml(query[name] ?? '')}"${wrong ? ` aria-describedby="${name}-error" aria-invalid="true"` : ''}></div>`
    }
    const registries = registryNames
      .map(
        (r) =>
          `<option value="${r}"${filter.registry === r ? ' selected' : ''}>${escapeHtml(registryName(r, language))}</option>`,
      )
      .join('')
    const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''))
    const items = groupAccesses(entries)
      .map(
        (e) => `<li class="access${e.flagged ? ' flagged' : ''}">
<p class="access-when"><time datetime="${escapeHtml(e.at)}">${escapeHtml(when.format(new Date(e.at)))}</time>${e.times > 1 ? ` · ${escapeHtml(t.times.replace('{n}', String(e.times)))}` : ''}</p>
<p class="access-who">${escapeHtml(e.who[language])}${e.system ? ` · ${escapeHtml(e.system[language])}` : ''}</p>
<p>${escapeHtml(e.why[language])}</p>
<p class="muted">${escapeHtml(registryName(e.registry, language))} · ${escapeHtml(e.kinds.join(', '))} · ${escapeHtml(t.records.replace('{n}', String(e.records)))}</p>
${e.logIndex === null ? `<p class="muted">${escapeHtml(t.logPending)}</p>` : `<p class="muted">${escapeHtml(t.logged.replace('{n}', String(e.logIndex)))} · <a href="/data-tracker/proofs/${escapeHtml(e.id)}">${escapeHtml(t.proof)}</a></p>`}
${e.flagged ? `<p class="bad"><strong>${escapeHtml(t.flagged)}</strong> (${escapeHtml(e.purpose)}). ${escapeHtml(t.flaggedHelp)}</p>` : ''}
</li>`,
      )
      .join('')
    const body = `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
<form method="get" action="/data-tracker" class="tracker-filter" novalidate>
${input('from', t.from)}${input('to', t.to)}
<div class="field"><label for="registry">${escapeHtml(t.registry)}</label><select id="registry" name="registry"><option value="">${escapeHtml(t.anyRegistry)}</option>${registries}</select></div>
<div class="field"><label class="choice"><input type="checkbox" name="flagged" value="yes"${filter.flaggedOnly ? ' checked' : ''}> ${escapeHtml(t.flaggedOnly)}</label></div>
<button class="primary" type="submit">${escapeHtml(t.show)}</button>
</form>
${problem ? '' : `<p>${escapeHtml(t.count.replace('{n}', String(entries.length)))} · ${escapeHtml(t.export)}: <a href="/data-tracker/export.csv?${escapeHtml(search.toString())}">CSV</a> · <a href="/data-tracker/export.json?${escapeHtml(search.toString())}">JSON</a></p>`}
${entries.length === 0 && !problem ? `<p>${escapeHtml(t.none)}</p>` : `<ol class="accesses">${items}</ol>`}`
    return page(c, t.title, body, problem ? 400 : 200)
  })

  const exported = (format: 'csv' | 'json') => async (c: Context) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const language = languageOf(c)
    const filter = trackerFilterOf(c.req.query())
    const entries = await readDataTracker(platform.store, {
      citizenId: gate.citizenId,
      filter,
      serviceOf,
      limit: 10_000,
    })
    const day = platform.now().toISOString().slice(0, 10)
    const headers = {
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="data-tracker-${day}.${format}"`,
    }
    if (format === 'csv') {
      return c.body(trackerCsv(entries, language), 200, { ...headers, 'content-type': 'text/csv; charset=utf-8' })
    }
    return c.json({ accesses: entries }, 200, headers)
  }
  // A read's entry with its inclusion proof: `polis log verify --key "$(curl /log/key)" < proof.json`.
  let platformLog: Promise<PlatformLog> | undefined
  app.get('/data-tracker/proofs/:id', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    platformLog ??= openPlatformLog(platform)
    const proof = await accessProof(platform, await platformLog, { citizenId: gate.citizenId, id: c.req.param('id') })
    if (!proof) throw new PolisError('ERR_NOT_FOUND')
    return c.json(proof, 200, {
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="data-tracker-proof-${proof.entry.at.slice(0, 10)}.json"`,
    })
  })
  // The log's verifier key (c2sp.org/signed-note): public, all an offline check needs besides the proof.
  app.get('/log/key', async (c) => {
    platformLog ??= openPlatformLog(platform)
    return c.text(`${(await platformLog).verifierKey}\n`, 200, { 'cache-control': 'public, max-age=300' })
  })
  app.get('/data-tracker/export.csv', exported('csv'))
  app.get('/data-tracker/export.json', exported('json'))
}

export const dataTrackerStyles = `
.tracker-filter { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0 1rem; align-items: end; }
.tracker-filter .field { margin: 0.5rem 0; }
.tracker-filter input[type='date'], .tracker-filter select { width: 100%; }
.accesses { list-style: none; padding: 0; }
.access { border: 1px solid var(--border); border-radius: 12px; padding: 0.5rem 1rem; margin: 0 0 0.75rem; }
.access p { margin: 0.25rem 0; }
.access-when { color: var(--muted); }
.access-who { font-weight: 700; }
.access.flagged { border-left: 5px solid var(--bad); }
`
