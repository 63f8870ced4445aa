/**
 * The service builder in the office: a draft's pages and questions edited in place
 * (questions of every kind with their help, limits and choices, in three languages), who
 * may apply and the rules that decide (a visual editor and JSON Logic), the fee, the
 * result and the inbox messages; each change saved at the revision the page was read at,
 * so two designers never overwrite each other silently, and refused at the form that
 * made it. What the draft still lacks before it can be published is listed with its
 * place, and a preview shows each page as a citizen sees it, with a seeded citizen's data.
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
import { editOf, placeOf } from './builder-form-edit.ts'
import {
  alertAt,
  anchorOf,
  type BuilderProblem,
  type BuilderView,
  hidden,
  openAt,
  option,
  threeInputs,
  typed,
} from './builder-html.ts'
import { type DraftQuestion, questionForms } from './builder-question-forms.ts'
import { comparables, decisionSection, eligibilitySection, notificationsSection } from './builder-rule-forms.ts'
import { stagesSection } from './builder-stage-forms.ts'
import { type BuilderTexts, builderTexts } from './office-builder-texts.ts'
import type { OfficeServicesOptions } from './office-services-pages.ts'

type Texts = BuilderTexts

/** The section a form's place is in, by its heading's id; a page's own forms: none. */
function sectionOf(where: string): string {
  const [head = ''] = where.split(':')
  const sections: Record<string, string> = {
    eligibility: 'eligibility',
    decision: 'decision-rules',
    otherwise: 'decision-rules',
    notify: 'notifications',
    about: 'about',
    fee: 'fee',
    decides: 'decides',
    permit: 'permit',
    stages: 'stages',
  }
  return sections[head] ?? ''
}

/** What a form's field takes, by the edit's property a refusal names. */
const whyOf: Record<
  string,
  'text' | 'id' | 'value' | 'accept' | 'maxBytes' | 'whole' | 'number' | 'amount' | 'choose'
> = {
  label: 'text',
  title: 'text',
  name: 'text',
  summary: 'text',
  message: 'text',
  reason: 'text',
  help: 'text',
  text: 'text',
  id: 'id',
  value: 'value',
  accept: 'accept',
  maxBytes: 'maxBytes',
  minLength: 'whole',
  maxLength: 'whole',
  deadlineDays: 'whole',
  min: 'number',
  max: 'number',
  amount: 'amount',
  type: 'choose',
  outcome: 'choose',
  otherwise: 'choose',
  category: 'choose',
  currency: 'choose',
  by: 'choose',
  role: 'choose',
  after: 'choose',
  stage: 'choose',
}

const string = (form: Record<string, unknown>, name: string) => {
  const value = form[name]
  return typeof value === 'string' ? value : ''
}
const texts = builderTexts

interface DraftPage {
  id: string
  title?: Partial<Record<Language, string>>
  fields?: DraftQuestion[]
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
    problem?: BuilderProblem,
  ) => {
    const language = languageOf(c)
    const t: Texts = texts[language]
    const canEdit = version.state === 'draft' && Boolean(official?.roles.includes('service-designer'))
    const definition = (version.definition ?? {}) as {
      name?: Partial<Record<Language, string>>
      summary?: Partial<Record<Language, string>>
      category?: string
      fee?: { amount?: number; currency?: string }
      decision?: {
        by?: string
        deadlineDays?: number
        rules?: Array<{ when?: unknown; outcome?: string; reason?: Partial<Record<Language, string>> }>
        otherwise?: string
      }
      pages?: DraftPage[]
      eligibility?: Array<{ rule?: unknown; message?: Partial<Record<Language, string>> }>
      notifications?: Partial<Record<'submitted' | 'approved' | 'rejected', Partial<Record<Language, string>>>>
    }
    const pages = Array.isArray(definition.pages) ? definition.pages : []
    const view: BuilderView = { t, language, revision: version.revision, problem, open: c.req.query('open') }
    const small = (label: string, fields: Record<string, string | number>) =>
      canEdit
        ? `<form method="post" class="inline">${hidden({ revision: version.revision, ...fields })}<button class="link" type="submit">${escapeHtml(label)}</button></form>`
        : ''
    const alert = (where: string | undefined) => alertAt(view, where)
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
            canEdit && f.type !== 'boolean' && f.type !== 'select' && f.type !== 'file'
              ? `<form method="post" class="prefill">${hidden({ revision: version.revision, action: 'set-prefill', page: p.id, field: f.id })}<label for="${key}-${f.id}-prefill">${t.prefill}: ${escapeHtml(label)}</label><select id="${key}-${f.id}-prefill" name="prefill">${option('', t.typed, prefilled === '')}${prefillSources.map((path) => option(path, path, prefilled === path)).join('')}</select><button class="secondary" type="submit">${t.save}</button></form>`
              : prefilled
                ? ` · ${t.prefill}: <code>${escapeHtml(prefilled)}</code>`
                : ''
          const relabel = canEdit
            ? `<details><summary>${t.relabel}: ${escapeHtml(label)}</summary><form method="post" novalidate>${hidden({ revision: version.revision, action: 'set-label', page: p.id, field: f.id })}
${threeInputs(view, { prefix: 'label', label: t.label, key: `${key}-${f.id}`, values: f.label ?? {} })}
<button class="secondary" type="submit">${t.save}</button></form></details>`
            : ''
          const more = canEdit ? questionForms(view, { page: p.id, field: f, key: `${key}-${f.id}` }) : ''
          return `<li><strong>${escapeHtml(label)}</strong> <code>${escapeHtml(f.id)}</code> · ${escapeHtml(kind)} · ${f.required === false ? t.optional : t.required}${f.help?.[language] ? `<br><span class="muted">${escapeHtml(f.help[language] as string)}</span>` : ''}${actions}${prefill}${relabel}${more}</li>`
        })
        .join('')
      const add = canEdit
        ? `<details${openAt(view, p.id)}><summary>${t.addQuestion}</summary>
<form method="post" novalidate>${hidden({ revision: version.revision, action: 'add-field', page: p.id })}
<label for="${key}-id">${t.id}</label><input id="${key}-id" name="id" type="text" maxlength="63" autocomplete="off" value="${escapeHtml(typed(view, p.id, 'id', ''))}">
<label for="${key}-type">${t.type}</label><select id="${key}-type" name="type">${builderFieldTypes.map((type) => `<option value="${type}">${escapeHtml(t[`type.${type}`])}</option>`).join('')}</select>
${threeInputs(view, { prefix: 'label', label: t.label, key, at: p.id })}
<label class="choice"><input type="checkbox" name="required" value="yes" checked> ${t.requiredBox}</label>
<button class="secondary" type="submit">${t.add}</button>
</form></details>`
        : ''
      return `<section class="card" aria-labelledby="${key}-heading"><h2 id="${key}-heading">${t.page} ${index + 1}: ${p.title?.[language] ? `${escapeHtml(p.title[language] as string)} ` : ''}<code>${escapeHtml(p.id)}</code></h2>
${alert(p.id)}
${
  canEdit
    ? `<details><summary>${t.rename}: ${escapeHtml(p.title?.[language] || p.id)}</summary><form method="post" novalidate>${hidden({ revision: version.revision, action: 'set-page-title', page: p.id })}
${threeInputs(view, { prefix: 'title', label: t.title, key: `${key}-rename`, values: p.title ?? {} })}
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
${threeInputs(view, { prefix: 'title', label: t.title, key: 'new-page', at: '' })}
<button class="secondary" type="submit">${t.add}</button>
</form></section>`
      : ''
    const about = canEdit
      ? `<section class="card" aria-labelledby="about"><h2 id="about">${t.about}</h2>${alert('about')}
<form method="post" novalidate>${hidden({ revision: version.revision, action: 'set-basics' })}
${threeInputs(view, { prefix: 'name', label: t.name, key: 'about', at: 'about', values: definition.name ?? {} })}
${threeInputs(view, { prefix: 'summary', label: t.summary, key: 'about', at: 'about', values: definition.summary ?? {} })}
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
${threeInputs(view, { prefix: 'permit', label: t.permitTitle, key: 'permit', at: 'permit', values: permitOutput?.title ?? {} })}
<button class="secondary" type="submit">${t.save}</button>
</form></section>`
      : ''
    const all = comparables(
      view,
      pages.flatMap((p) => p.fields ?? []),
    )
    const lacks = publishProblems(version.code, version.definition)
    const name = definition.name?.[language] || version.code
    const body = `<a class="back" href="/office/services/${encodeURIComponent(version.code)}">← ${t.back}</a>
<h1>${escapeHtml(name)}: ${t.builder}</h1>
<p>${t.version} ${version.version}${canEdit ? '' : ` · ${escapeHtml(t.notDraft.replace('{state}', version.state))}`}</p>
${alert(undefined)}
${about}
${sections.join('\n')}
${addPage}
${canEdit ? eligibilitySection(view, definition, all) : ''}
${rulesAndFee}
${canEdit ? stagesSection(view, definition.decision) : ''}
${canEdit ? decisionSection(view, definition, all) : ''}
${permit}
${canEdit ? notificationsSection(view, definition) : ''}
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
    const form = (await c.req.parseBody({ all: true })) as Record<string, unknown>
    const where = placeOf(form)
    const refused = (message: string) => builderPage(c, official, version, { message, at: where, form })
    const questions = ((version.definition as { pages?: DraftPage[] } | null)?.pages ?? []).flatMap(
      (p) => p.fields ?? [],
    )
    try {
      const parsed = DefinitionEdit.safeParse(editOf(form, questions))
      if (!parsed.success) {
        // Each field at fault, with what it takes in the official's words.
        const t = texts[language]
        const said = parsed.error.issues.map((i) => {
          const [name = ''] = i.path.map(String)
          const why = whyOf[name]
          return `${i.path.join('.')}: ${why ? t[`why.${why}`] : i.message}`
        })
        return refused(`${messageOf('ERR_BUILDER_EDIT', language)} (${[...new Set(said)].join('; ')})`)
      }
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
        return refused(`${messageOf(error.code, language)}${error.detail ? ` (${error.detail})` : ''}`)
      }
      throw error
    }
    // Back where the designer was: a question's form open again, a section in view.
    const section = where.startsWith('q:') ? anchorOf(where) : sectionOf(where)
    const open = where.startsWith('q:') ? `?open=${encodeURIComponent(where)}` : ''
    return c.redirect(`${base(version)}/builder${open}${section ? `#${section}` : ''}`, 303)
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
