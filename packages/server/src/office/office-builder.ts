/**
 * The service builder in the office: a draft's pages and questions edited in place
 * (add a page, add a question with its labels in three languages, move or remove one),
 * each change saved at the revision the page was read at, so two designers never
 * overwrite each other silently; what the draft still lacks before it can be published,
 * listed with its place; and a preview of each page as a citizen sees it, with a seeded
 * citizen's data from the registries.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { isPolisError, type Language, messageOf, PolisError } from '@polis/kernel'
import { listCitizens } from '@polis/registries'
import {
  askedFields,
  builderFieldTypes,
  categories,
  DefinitionEdit,
  editDefinition,
  getServiceVersion,
  parseDefinition,
  prefillSources,
  publishProblems,
  readApplicantData,
  readPath,
  type ServiceVersion,
  updateDraft,
} from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { fieldHtml } from '../portal/portal-pages.ts'
import type { OfficeServicesOptions } from './office-services-pages.ts'

const texts = {
  en: {
    builder: 'Pages and questions',
    about: 'About the service',
    permit: 'The result: a PDF permit with the answers',
    permitTitle: 'Title of the permit (all empty: none)',
    rename: 'Change the title',
    relabel: 'Change the question',
    name: 'Name',
    summary: 'What it does, in a sentence',
    category: 'Category',
    save: 'Save',
    prefill: 'Filled in from the registries',
    typed: 'no: the citizen types it',
    askedWhen: 'Asked only when',
    always: 'always',
    isYes: '{question}: yes',
    isNo: '{question}: no',
    fee: 'Fee',
    amount: 'Amount (0 for none)',
    currency: 'Currency',
    decides: 'Who decides',
    byOfficial: 'An official of the agency, within the days below',
    byRules: 'The rules, at once (approved)',
    deadline: 'Days an official has to decide',
    back: 'Back to the service',
    version: 'version',
    notDraft: 'Only a draft is edited here; this version is {state}.',
    page: 'Page',
    questions: 'Questions',
    noQuestions: 'No questions yet.',
    required: 'required',
    optional: 'optional',
    up: 'Move up',
    down: 'Move down',
    remove: 'Remove',
    removePage: 'Remove this page',
    preview: 'Preview this page',
    previewHeading: 'Preview',
    addQuestion: 'Add a question to this page',
    addPage: 'Add a page',
    id: 'Identifier (lower-case letters, digits, _)',
    type: 'Kind of answer',
    label: 'Question',
    title: 'Title',
    requiredBox: 'An answer is required',
    add: 'Add',
    lacks: 'Before it can be published',
    complete: 'Nothing is missing: the draft can be sent for review.',
    changed: 'Someone else changed this draft: the page shows it as it is now. Make your change again.',
    citizen: 'Citizen whose registry data fills it in',
    show: 'Show',
    fromRegistries: 'From the registries',
    cannotPreview: 'The preview needs the draft to be complete: see what it lacks.',
    'type.text': 'Short text',
    'type.textarea': 'Long text',
    'type.date': 'Date',
    'type.number': 'Number',
    'type.email': 'E-mail address',
    'type.phone': 'Phone number',
    'type.boolean': 'Yes or no',
    'type.select': 'A choice of options',
    'type.file': 'A file to upload',
  },
  uk: {
    builder: 'Сторінки й запитання',
    about: 'Про послугу',
    permit: 'Результат: дозвіл у PDF з відповідями',
    permitTitle: 'Назва дозволу (усі порожні: без нього)',
    rename: 'Змінити назву',
    relabel: 'Змінити запитання',
    name: 'Назва',
    summary: 'Що вона дає, одним реченням',
    category: 'Категорія',
    save: 'Зберегти',
    prefill: 'Заповнюється з реєстрів',
    typed: 'ні: громадянин вводить сам',
    askedWhen: 'Питати лише тоді, коли',
    always: 'завжди',
    isYes: '{question}: так',
    isNo: '{question}: ні',
    fee: 'Плата',
    amount: 'Сума (0, якщо без плати)',
    currency: 'Валюта',
    decides: 'Хто ухвалює рішення',
    byOfficial: 'Посадова особа відомства, у строк нижче',
    byRules: 'Правила, одразу (схвалено)',
    deadline: 'Днів на рішення посадовій особі',
    back: 'До послуги',
    version: 'версія',
    notDraft: 'Тут редагують лише чернетку; ця версія: {state}.',
    page: 'Сторінка',
    questions: 'Запитання',
    noQuestions: 'Запитань ще немає.',
    required: "обов'язкове",
    optional: "необов'язкове",
    up: 'Вище',
    down: 'Нижче',
    remove: 'Вилучити',
    removePage: 'Вилучити сторінку',
    preview: 'Переглянути сторінку',
    previewHeading: 'Перегляд',
    addQuestion: 'Додати запитання на цю сторінку',
    addPage: 'Додати сторінку',
    id: 'Ідентифікатор (малі латинські літери, цифри, _)',
    type: 'Вид відповіді',
    label: 'Запитання',
    title: 'Назва',
    requiredBox: "Відповідь обов'язкова",
    add: 'Додати',
    lacks: 'Перш ніж публікувати',
    complete: 'Усе заповнено: чернетку можна надіслати на перевірку.',
    changed: 'Хтось інший змінив цю чернетку: сторінка показує її такою, як тепер. Внесіть зміну ще раз.',
    citizen: 'Громадянин, чиї дані з реєстрів її заповнюють',
    show: 'Показати',
    fromRegistries: 'З реєстрів',
    cannotPreview: 'Для перегляду чернетка має бути повною: дивіться, чого бракує.',
    'type.text': 'Короткий текст',
    'type.textarea': 'Довгий текст',
    'type.date': 'Дата',
    'type.number': 'Число',
    'type.email': 'Електронна пошта',
    'type.phone': 'Номер телефону',
    'type.boolean': 'Так чи ні',
    'type.select': 'Вибір із варіантів',
    'type.file': 'Файл для завантаження',
  },
  et: {
    builder: 'Lehed ja küsimused',
    about: 'Teenusest',
    permit: 'Tulemus: PDF-luba vastustega',
    permitTitle: 'Loa pealkiri (kõik tühjad: puudub)',
    rename: 'Muuda pealkirja',
    relabel: 'Muuda küsimust',
    name: 'Nimi',
    summary: 'Mida see annab, ühe lausega',
    category: 'Kategooria',
    save: 'Salvesta',
    prefill: 'Täidetakse registritest',
    typed: 'ei: kodanik sisestab ise',
    askedWhen: 'Küsitakse ainult siis, kui',
    always: 'alati',
    isYes: '{question}: jah',
    isNo: '{question}: ei',
    fee: 'Tasu',
    amount: 'Summa (0, kui tasu pole)',
    currency: 'Valuuta',
    decides: 'Kes otsustab',
    byOfficial: 'Ameti ametnik, allpool toodud päevade jooksul',
    byRules: 'Reeglid, kohe (rahuldatud)',
    deadline: 'Päevi ametniku otsuseks',
    back: 'Tagasi teenuse juurde',
    version: 'versioon',
    notDraft: 'Siin muudetakse ainult mustandit; see versioon on {state}.',
    page: 'Leht',
    questions: 'Küsimused',
    noQuestions: 'Küsimusi veel pole.',
    required: 'kohustuslik',
    optional: 'vabatahtlik',
    up: 'Üles',
    down: 'Alla',
    remove: 'Eemalda',
    removePage: 'Eemalda see leht',
    preview: 'Vaata lehte',
    previewHeading: 'Eelvaade',
    addQuestion: 'Lisa sellele lehele küsimus',
    addPage: 'Lisa leht',
    id: 'Tunnus (väiketähed, numbrid, _)',
    type: 'Vastuse liik',
    label: 'Küsimus',
    title: 'Pealkiri',
    requiredBox: 'Vastus on kohustuslik',
    add: 'Lisa',
    lacks: 'Enne avaldamist',
    complete: 'Midagi ei puudu: mustandi saab saata ülevaatusele.',
    changed: 'Keegi teine muutis seda mustandit: leht näitab seda praegusel kujul. Tehke muudatus uuesti.',
    citizen: 'Kodanik, kelle registriandmed selle täidavad',
    show: 'Näita',
    fromRegistries: 'Registritest',
    cannotPreview: 'Eelvaade vajab täielikku mustandit: vaadake, mis puudub.',
    'type.text': 'Lühike tekst',
    'type.textarea': 'Pikk tekst',
    'type.date': 'Kuupäev',
    'type.number': 'Arv',
    'type.email': 'E-posti aadress',
    'type.phone': 'Telefoninumber',
    'type.boolean': 'Jah või ei',
    'type.select': 'Valik variantidest',
    'type.file': 'Üleslaaditav fail',
  },
} as const satisfies Record<Language, Record<string, string>>

type Texts = (typeof texts)[Language]
const languages = ['uk', 'en', 'et'] as const

interface DraftPage {
  id: string
  title?: Partial<Record<Language, string>>
  fields?: Array<{ id: string; type?: string; required?: boolean; label?: Partial<Record<Language, string>> }>
}

const string = (form: Record<string, unknown>, name: string) => {
  const value = form[name]
  return typeof value === 'string' ? value : ''
}
const text3 = (form: Record<string, unknown>, prefix: string) =>
  Object.fromEntries(languages.map((l) => [l, string(form, `${prefix}_${l}`).trim()]))

/** The edit a builder form asks for, as `DefinitionEdit` reads it. */
function editOf(form: Record<string, unknown>): unknown {
  const action = string(form, 'action')
  if (action === 'add-page') return { action, id: string(form, 'id').trim(), title: text3(form, 'title') }
  if (action === 'remove-page') return { action, page: string(form, 'page') }
  if (action === 'add-field') {
    return {
      action,
      page: string(form, 'page'),
      id: string(form, 'id').trim(),
      type: string(form, 'type'),
      label: text3(form, 'label'),
      required: form.required === 'yes',
    }
  }
  if (action === 'remove-field') return { action, page: string(form, 'page'), field: string(form, 'field') }
  if (action === 'set-page-title') return { action, page: string(form, 'page'), title: text3(form, 'title') }
  if (action === 'set-label') {
    return { action, page: string(form, 'page'), field: string(form, 'field'), label: text3(form, 'label') }
  }
  if (action === 'set-basics') {
    return { action, name: text3(form, 'name'), summary: text3(form, 'summary'), category: string(form, 'category') }
  }
  if (action === 'set-prefill') {
    return { action, page: string(form, 'page'), field: string(form, 'field'), prefill: string(form, 'prefill') }
  }
  if (action === 'set-condition') {
    const [field, is] = string(form, 'when').split(':')
    return { action, page: string(form, 'page'), when: field ? { field, is: is === 'yes' } : '' }
  }
  if (action === 'set-fee') {
    // Typed in hryvnias (a comma or a point for the kopiykas), kept in kopiykas.
    const amount = Math.round(Number(string(form, 'amount').trim().replace(',', '.')) * 100)
    return { action, amount, currency: string(form, 'currency') }
  }
  if (action === 'set-permit') {
    const title = text3(form, 'permit')
    return { action, title: Object.values(title).every((v) => v === '') ? '' : title }
  }
  if (action === 'set-decision') {
    return { action, by: string(form, 'by'), deadlineDays: Number(string(form, 'deadlineDays') || '30') }
  }
  return { action, page: string(form, 'page'), field: string(form, 'field'), by: Number(string(form, 'by')) }
}

export function registerServiceBuilder(app: OpenAPIHono, options: OfficeServicesOptions): void {
  const { platform, engine, officialOf, page, languageOf, sameOrigin } = options
  const { store } = platform

  /** The draft of the agency's service, for a designer (or, read only, an approver); 404 for another agency's. */
  const draftOf = async (c: Context) => {
    const official = await officialOf(c)
    if (!official) return { response: c.redirect(`/office/login?return=${encodeURIComponent(c.req.path)}`, 303) }
    if (!official.roles.includes('service-designer') && !official.roles.includes('approver')) {
      throw new PolisError('ERR_FORBIDDEN', { detail: 'not a service designer' })
    }
    const code = c.req.param('code') as string
    const number = Number(c.req.param('version'))
    if (!Number.isInteger(number)) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such version' })
    const version = await getServiceVersion(store.db, { code, version: number }).catch((error: unknown) => {
      if (isPolisError(error)) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such version' })
      throw error
    })
    const agency = (version.definition as { agency?: unknown } | null)?.agency
    if (agency !== official.agency) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such service of this agency' })
    return { official, version }
  }

  const base = (v: ServiceVersion) => `/office/services/${encodeURIComponent(v.code)}/${v.version}`

  const builderPage = async (
    c: Context,
    official: Parameters<typeof page>[3],
    version: ServiceVersion,
    problem?: { message: string; page?: string },
  ) => {
    const language = languageOf(c)
    const t: Texts = texts[language]
    const canEdit = version.state === 'draft' && Boolean(official?.roles.includes('service-designer'))
    const definition = (version.definition ?? {}) as {
      name?: Partial<Record<Language, string>>
      summary?: Partial<Record<Language, string>>
      category?: string
      fee?: { amount?: number; currency?: string }
      decision?: { by?: string; deadlineDays?: number }
      pages?: DraftPage[]
    }
    const pages = Array.isArray(definition.pages) ? definition.pages : []
    const hidden = (fields: Record<string, string | number>) =>
      Object.entries(fields)
        .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(String(value))}">`)
        .join('')
    const small = (label: string, fields: Record<string, string | number>) =>
      `<form method="post" class="inline">${hidden({ revision: version.revision, ...fields })}<button class="link" type="submit">${escapeHtml(label)}</button></form>`
    const alert = (where: string | undefined) =>
      problem && problem.page === where ? `<p class="bad" role="alert">${escapeHtml(problem.message)}</p>` : ''
    const threeInputs = (prefix: string, label: string, key: string, values?: Partial<Record<Language, string>>) =>
      languages
        .map(
          (l) =>
            `<label for="${key}-${prefix}-${l}">${escapeHtml(label)} (${l.toUpperCase()})</label><input id="${key}-${prefix}-${l}" name="${prefix}_${l}" type="text" maxlength="500" lang="${l}" value="${escapeHtml(values?.[l] ?? '')}">`,
        )
        .join('\n')
    const option = (value: string, label: string, chosen: boolean) =>
      `<option value="${escapeHtml(value)}"${chosen ? ' selected' : ''}>${escapeHtml(label)}</option>`
    /** "Asked only when": a yes-or-no question of an earlier page, or always. */
    const condition = (p: DraftPage, index: number, key: string) => {
      if (index === 0 || !canEdit) return ''
      const earlier = pages
        .slice(0, index)
        .flatMap((q) => q.fields ?? [])
        .filter((f) => f.type === 'boolean')
      const current = JSON.stringify((p as { condition?: unknown }).condition ?? null)
      const choices = earlier.flatMap((f) =>
        [true, false].map((is) => {
          const label = (is ? t.isYes : t.isNo).replace('{question}', f.label?.[language] || f.id)
          const chosen = current === JSON.stringify({ '==': [{ var: `answers.${f.id}` }, is] })
          return option(`${f.id}:${is ? 'yes' : 'no'}`, label, chosen)
        }),
      )
      return `<form method="post">${hidden({ revision: version.revision, action: 'set-condition', page: p.id })}<label for="${key}-when">${t.askedWhen}</label><select id="${key}-when" name="when">${option('', t.always, current === 'null')}${choices.join('')}</select><button class="secondary" type="submit">${t.save}</button></form>`
    }
    const sections = pages.map((p, index) => {
      const key = `p${index}`
      const fields = Array.isArray(p.fields) ? p.fields : []
      const rows = fields
        .map((f, i) => {
          const label = f.label?.[language] || f.id
          const kind = t[`type.${f.type}` as keyof Texts] ?? f.type ?? ''
          const actions = canEdit
            ? ` ${i > 0 ? small(`${t.up}: ${label}`, { action: 'move-field', page: p.id, field: f.id, by: -1 }) : ''} ${i < fields.length - 1 ? small(`${t.down}: ${label}`, { action: 'move-field', page: p.id, field: f.id, by: 1 }) : ''} ${small(`${t.remove}: ${label}`, { action: 'remove-field', page: p.id, field: f.id })}`
            : ''
          const prefilled = (f as { prefill?: string }).prefill ?? ''
          const prefill =
            canEdit && f.type !== 'boolean'
              ? `<form method="post" class="prefill">${hidden({ revision: version.revision, action: 'set-prefill', page: p.id, field: f.id })}<label for="${key}-${f.id}-prefill">${t.prefill}: ${escapeHtml(label)}</label><select id="${key}-${f.id}-prefill" name="prefill">${option('', t.typed, prefilled === '')}${prefillSources.map((path) => option(path, path, prefilled === path)).join('')}</select><button class="secondary" type="submit">${t.save}</button></form>`
              : prefilled
                ? ` · ${t.prefill}: <code>${escapeHtml(prefilled)}</code>`
                : ''
          const relabel = canEdit
            ? `<details><summary>${t.relabel}: ${escapeHtml(label)}</summary><form method="post" novalidate>${hidden({ revision: version.revision, action: 'set-label', page: p.id, field: f.id })}
${threeInputs('label', t.label, `${key}-${f.id}`, f.label)}
<button class="secondary" type="submit">${t.save}</button></form></details>`
            : ''
          return `<li><strong>${escapeHtml(label)}</strong> <code>${escapeHtml(f.id)}</code> · ${escapeHtml(kind)} · ${f.required === false ? t.optional : t.required}${actions}${prefill}${relabel}</li>`
        })
        .join('')
      const add = canEdit
        ? `<details><summary>${t.addQuestion}</summary>
<form method="post" novalidate>${hidden({ revision: version.revision, action: 'add-field', page: p.id })}
<label for="${key}-id">${t.id}</label><input id="${key}-id" name="id" type="text" maxlength="63" autocomplete="off">
<label for="${key}-type">${t.type}</label><select id="${key}-type" name="type">${builderFieldTypes.map((type) => `<option value="${type}">${escapeHtml(t[`type.${type}`])}</option>`).join('')}</select>
${threeInputs('label', t.label, key)}
<label class="choice"><input type="checkbox" name="required" value="yes" checked> ${t.requiredBox}</label>
<button class="secondary" type="submit">${t.add}</button>
</form></details>`
        : ''
      return `<section class="card" aria-labelledby="${key}-heading"><h2 id="${key}-heading">${t.page} ${index + 1}: ${p.title?.[language] ? `${escapeHtml(p.title[language] as string)} ` : ''}<code>${escapeHtml(p.id)}</code></h2>
${alert(p.id)}
${
  canEdit
    ? `<details><summary>${t.rename}: ${escapeHtml(p.title?.[language] || p.id)}</summary><form method="post" novalidate>${hidden({ revision: version.revision, action: 'set-page-title', page: p.id })}
${threeInputs('title', t.title, `${key}-rename`, p.title)}
<button class="secondary" type="submit">${t.save}</button></form></details>`
    : ''
}
${condition(p, index, key)}
<h3>${t.questions}</h3>
${rows ? `<ol>${rows}</ol>` : `<p class="muted">${t.noQuestions}</p>`}
<p><a href="${base(version)}/preview?page=${encodeURIComponent(p.id)}">${t.preview}</a></p>
${canEdit ? small(`${t.removePage}: ${p.title?.[language] || p.id}`, { action: 'remove-page', page: p.id }) : ''}
${add}
</section>`
    })
    const addPage = canEdit
      ? `<section class="card" aria-labelledby="add-page"><h2 id="add-page">${t.addPage}</h2>${alert('')}
<form method="post" novalidate>${hidden({ revision: version.revision, action: 'add-page' })}
<label for="new-page-id">${t.id}</label><input id="new-page-id" name="id" type="text" maxlength="63" autocomplete="off">
${threeInputs('title', t.title, 'new-page')}
<button class="secondary" type="submit">${t.add}</button>
</form></section>`
      : ''
    const about = canEdit
      ? `<section class="card" aria-labelledby="about"><h2 id="about">${t.about}</h2>${alert('about')}
<form method="post" novalidate>${hidden({ revision: version.revision, action: 'set-basics' })}
${threeInputs('name', t.name, 'about', definition.name)}
${threeInputs('summary', t.summary, 'about', definition.summary)}
<label for="about-category">${t.category}</label><select id="about-category" name="category">${categories.map((c) => option(c, c, definition.category === c)).join('')}</select>
<button class="secondary" type="submit">${t.save}</button>
</form></section>`
      : ''
    const money = definition.fee?.amount ? (definition.fee.amount / 100).toFixed(2) : '0'
    const decidedBy = definition.decision?.by === 'rules' ? 'rules' : 'official'
    const rulesAndFee = canEdit
      ? `<section class="card" aria-labelledby="fee"><h2 id="fee">${t.fee}</h2>${alert('fee')}
<form method="post" novalidate>${hidden({ revision: version.revision, action: 'set-fee' })}
<label for="fee-amount">${t.amount}</label><input id="fee-amount" name="amount" type="text" inputmode="decimal" value="${money}">
<label for="fee-currency">${t.currency}</label><select id="fee-currency" name="currency">${['UAH', 'EUR'].map((c) => option(c, c, (definition.fee?.currency ?? 'UAH') === c)).join('')}</select>
<button class="secondary" type="submit">${t.save}</button>
</form></section>
<section class="card" aria-labelledby="decides"><h2 id="decides">${t.decides}</h2>${alert('decides')}
<form method="post" novalidate>${hidden({ revision: version.revision, action: 'set-decision' })}
<fieldset><legend>${t.decides}</legend>
<label class="choice"><input type="radio" name="by" value="official"${decidedBy === 'official' ? ' checked' : ''}> ${t.byOfficial}</label>
<label class="choice"><input type="radio" name="by" value="rules"${decidedBy === 'rules' ? ' checked' : ''}> ${t.byRules}</label>
</fieldset>
<label for="decides-days">${t.deadline}</label><input id="decides-days" name="deadlineDays" type="text" inputmode="numeric" value="${definition.decision?.deadlineDays ?? 30}">
<button class="secondary" type="submit">${t.save}</button>
</form></section>`
      : ''
    const permitOutput = (
      (definition as { outputs?: Array<{ type?: string; title?: Partial<Record<Language, string>> }> }).outputs ?? []
    ).find((o) => o.type === 'certificate')
    const permit = canEdit
      ? `<section class="card" aria-labelledby="permit"><h2 id="permit">${t.permit}</h2>${alert('permit')}
<form method="post" novalidate>${hidden({ revision: version.revision, action: 'set-permit' })}
${threeInputs('permit', t.permitTitle, 'permit', permitOutput?.title)}
<button class="secondary" type="submit">${t.save}</button>
</form></section>`
      : ''
    const lacks = publishProblems(version.code, version.definition)
    const name = definition.name?.[language] || version.code
    const body = `<a class="back" href="/office/services/${encodeURIComponent(version.code)}">← ${t.back}</a>
<h1>${escapeHtml(name)}: ${t.builder}</h1>
<p>${t.version} ${version.version}${canEdit ? '' : ` · ${escapeHtml(t.notDraft.replace('{state}', version.state))}`}</p>
${alert(undefined)}
${about}
${sections.join('\n')}
${addPage}
${rulesAndFee}
${permit}
<h2>${t.lacks}</h2>
${lacks.length === 0 ? `<p class="ok">${t.complete}</p>` : `<ul>${lacks.map((p) => `<li><code>${escapeHtml(p.path || '(root)')}</code>: ${escapeHtml(p.message)}</li>`).join('')}</ul>`}`
    return page(c, `${name}: ${t.builder}`, body, official, problem ? 400 : 200)
  }

  app.get('/office/services/:code/:version/builder', async (c) => {
    const found = await draftOf(c)
    if ('response' in found) return found.response
    return builderPage(c, found.official, found.version)
  })

  app.post('/office/services/:code/:version/builder', async (c) => {
    sameOrigin(c)
    const found = await draftOf(c)
    if ('response' in found) return found.response
    const { official, version } = found
    if (!official.roles.includes('service-designer'))
      throw new PolisError('ERR_FORBIDDEN', { detail: 'not a designer' })
    const language = languageOf(c)
    const form = (await c.req.parseBody()) as Record<string, unknown>
    const parsed = DefinitionEdit.safeParse(editOf(form))
    const placeOf: Record<string, string> = {
      'add-page': '',
      'set-basics': 'about',
      'set-fee': 'fee',
      'set-decision': 'decides',
    }
    const where = placeOf[string(form, 'action')] ?? string(form, 'page')
    if (!parsed.success) {
      const paths = parsed.error.issues.map((i) => i.path.join('.')).join(', ')
      return builderPage(c, official, version, {
        message: `${messageOf('ERR_BUILDER_EDIT', language)} (${paths})`,
        page: where,
      })
    }
    try {
      const definition = editDefinition(version.definition, parsed.data)
      await updateDraft(store, {
        actor: `official:${official.id}`,
        now: platform.now(),
        code: version.code,
        version: version.version,
        revision: Number(string(form, 'revision')),
        definition,
      })
    } catch (error) {
      if (isPolisError(error, 'ERR_DRAFT_CHANGED')) {
        const now = await getServiceVersion(store.db, { code: version.code, version: version.version })
        return builderPage(c, official, now, { message: texts[language].changed })
      }
      if (isPolisError(error, 'ERR_BUILDER_EDIT') || isPolisError(error, 'ERR_VERSION_STATE')) {
        return builderPage(c, official, version, {
          message: `${messageOf(error.code, language)}${error.detail ? ` (${error.detail})` : ''}`,
          page: where,
        })
      }
      throw error
    }
    return c.redirect(`${base(version)}/builder`, 303)
  })

  // A page of the draft as a citizen sees it, filled in from the registries for a seeded citizen.
  app.get('/office/services/:code/:version/preview', async (c) => {
    const found = await draftOf(c)
    if ('response' in found) return found.response
    const { official, version } = found
    const language = languageOf(c)
    const t: Texts = texts[language]
    const back = `<a class="back" href="${base(version)}/builder">← ${t.builder}</a>`
    let definition: ReturnType<typeof parseDefinition>
    try {
      definition = parseDefinition(version.definition)
    } catch {
      return page(
        c,
        t.previewHeading,
        `${back}<h1>${t.previewHeading}</h1><p class="bad" role="alert">${t.cannotPreview}</p>`,
        official,
        400,
      )
    }
    const current = definition.pages.find((p) => p.id === c.req.query('page')) ?? definition.pages[0]
    const citizens = await listCitizens({ store, limit: 8, offset: 0, now: platform.now() })
    const chosen = citizens.find((x) => x.id === c.req.query('citizen')) ?? citizens[0]
    const data = chosen ? await readApplicantData(engine.ports, definition, chosen.id) : undefined
    const context = {
      ...(data ?? { person: {}, records: {}, applicant: { age: null, citizen_id: '' }, today: '' }),
      answers: {},
    }
    const fields = current ? askedFields({ ...definition, pages: [current] }, context) : []
    const prefilled = fields.filter((f) => f.prefill && readPath(context, f.prefill) !== undefined)
    const typed = fields.filter((f) => !prefilled.includes(f))
    const picker = `<form method="get" class="filters"><input type="hidden" name="page" value="${escapeHtml(current?.id ?? '')}">
<div><label for="citizen">${t.citizen}</label><select id="citizen" name="citizen">${citizens
      .map(
        (x) =>
          `<option value="${escapeHtml(x.id)}"${x.id === chosen?.id ? ' selected' : ''}>${escapeHtml(`${x.givenName} ${x.familyName}`)}</option>`,
      )
      .join('')}</select></div><button class="secondary" type="submit">${t.show}</button></form>`
    const body = `${back}
<h1>${t.previewHeading}: ${escapeHtml(current?.title[language] ?? '')}</h1>
${picker}
<div class="preview card">
${prefilled.length > 0 ? `<dl>${prefilled.map((f) => `<dt>${escapeHtml(f.label[language])}</dt><dd>${escapeHtml(String(readPath(context, f.prefill as string)))}</dd>`).join('')}</dl><p class="muted">${t.fromRegistries}</p>` : ''}
${typed.map((f) => fieldHtml(f, undefined, undefined, language)).join('\n')}
</div>`
    return page(c, t.previewHeading, body, official)
  })
}
