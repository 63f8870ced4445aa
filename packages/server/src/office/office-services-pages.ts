import type { OpenAPIHono } from '@hono/zod-openapi'
import { isPolisError, type Language, messageOf, PolisError } from '@polis/kernel'
import {
  approveVersion,
  createDraft,
  type DefinitionProblem,
  DefinitionRefused,
  listServiceVersions,
  retireService,
  rollBack,
  type ServiceVersion,
  sendBack,
  serviceHistory,
  submitForReview,
  updateDraft,
} from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { pageLocales } from '../http/page-language.ts'
import type { ServiceEngine } from '../services/create-service-engine.ts'
import type { Desk, OfficePageKit } from './office-page-kit.ts'
import { officeServicesTexts as texts } from './office-services-texts.ts'

type Status = 200 | 400 | 403 | 404

/** What the office lends these pages, and the service engine. */
export interface OfficeServicesOptions extends OfficePageKit {
  engine: ServiceEngine
}

type Texts = (typeof texts)[Language]

const designer = 'service-designer'
const approver = 'approver'

/** A problem shown where it happened: a message, and for a refused definition every problem with its path. */
interface Notice {
  version?: number | undefined
  message: string
  problems?: DefinitionProblem[]
  field?: string
  ok?: boolean
}

const agencyOf = (version: ServiceVersion) => {
  const definition = version.definition as { agency?: unknown } | null
  return typeof definition?.agency === 'string' ? definition.agency : undefined
}
const nameOf = (version: ServiceVersion, language: Language) => {
  const name = (version.definition as { name?: Record<string, unknown> } | null)?.name?.[language]
  return typeof name === 'string' && name !== '' ? name : version.code
}
const formInput = (form: Record<string, unknown>, name: string) => {
  const value = form[name]
  return typeof value === 'string' ? value : ''
}

/**
 * The office's Services pages at `/office/services`: a service designer copies the live
 * version into a draft, edits its JSON (at the revision read) and sends it for review; an
 * approver, another official, publishes it or sends it back with a reason, retires a
 * live service or rolls it back. Every refusal is shown where it happened; a definition
 * refused lists each problem with its path. Another agency's services do not exist here.
 */
export function registerOfficeServices(app: OpenAPIHono, options: OfficeServicesOptions): void {
  const { platform, engine, officialOf, page, languageOf, sameOrigin } = options
  const { store } = platform

  /** The signed-in official with one of the roles, or a page saying why not. */
  const gate = async (c: Context): Promise<{ official: Desk } | { response: Response | Promise<Response> }> => {
    const official = await officialOf(c)
    if (!official) return { response: c.redirect(`/office/login?return=${encodeURIComponent(c.req.path)}`, 303) }
    const t = texts[languageOf(c)]
    if (!official.roles.includes(designer) && !official.roles.includes(approver)) {
      return { response: page(c, t.services, `<h1>${t.services}</h1><p>${t.notAllowed}</p>`, official, 403) }
    }
    return { official }
  }

  const actor = (official: Desk) => ({ actor: `official:${official.id}`, now: platform.now() })

  /** The versions of the agency's services, by code. */
  const versionsOf = async (agency: string, code?: string) => {
    const all = await listServiceVersions(store, code ? { code } : {})
    const byCode = new Map<string, ServiceVersion[]>()
    for (const version of all) byCode.set(version.code, [...(byCode.get(version.code) ?? []), version])
    return new Map([...byCode].filter(([, versions]) => versions.some((v) => agencyOf(v) === agency)))
  }

  const date = (language: Language, iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(pageLocales[language], {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'UTC',
        }).format(new Date(iso))
      : '—'

  const listPage = async (c: Context, official: Desk, problem?: string) => {
    const language = languageOf(c)
    const t = texts[language]
    const services = await versionsOf(official.agency)
    const rows = [...services].map(([code, versions]) => {
      const live = versions.find((v) => v.state === 'live')
      const open = versions.filter((v) => v.state === 'draft' || v.state === 'in-review')
      const latest = versions.at(-1) as ServiceVersion
      return `<tr><td data-label="${t.services}"><a href="/office/services/${encodeURIComponent(code)}">${escapeHtml(nameOf(live ?? latest, language))}</a> <code>${escapeHtml(code)}</code></td><td data-label="${t.live}">${live ? `v${live.version}` : t.noLive}</td><td data-label="${t.drafts}">${open.map((v) => `v${v.version} ${t[`state.${v.state}`]}`).join(', ') || '—'}</td></tr>`
    })
    const create = official.roles.includes(designer)
      ? `<h2>${t.newService}</h2>
<form method="post" action="/office/services" novalidate>
${problem ? `<p class="bad" role="alert" id="code-error">${escapeHtml(problem)}</p>` : ''}
<label for="code">${t.newCode}</label>
<p class="hint" id="code-hint">${t.newCodeHint}</p>
<input id="code" name="code" type="text" maxlength="61" autocomplete="off" aria-describedby="code-hint${problem ? ' code-error' : ''}"${problem ? ' aria-invalid="true"' : ''}>
<button class="secondary" type="submit">${t.createDraft}</button>
</form>`
      : ''
    const body = `<h1>${t.services}: ${escapeHtml(official.agency)}</h1>
<p>${t.intro}</p>
${
  rows.length === 0
    ? `<p>${t.none}</p>`
    : `<table><caption class="visually-hidden">${t.services}</caption><thead><tr><th scope="col">${t.services}</th><th scope="col">${t.live}</th><th scope="col">${t.drafts}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}
${create}`
    return page(c, t.services, body, official, problem ? 400 : 200)
  }

  app.get('/office/services', async (c) => {
    const gated = await gate(c)
    if ('response' in gated) return gated.response
    return listPage(c, gated.official)
  })

  // A new service from scratch: a draft of the agency's with every text still to write.
  app.post('/office/services', async (c) => {
    sameOrigin(c)
    const gated = await gate(c)
    if ('response' in gated) return gated.response
    const { official } = gated
    if (!official.roles.includes(designer)) throw new PolisError('ERR_FORBIDDEN', { detail: `not a ${designer}` })
    const t = texts[languageOf(c)]
    const form = (await c.req.parseBody()) as Record<string, unknown>
    const code = formInput(form, 'code').trim()
    if (!/^[a-z][a-z0-9-]{1,60}$/.test(code)) return listPage(c, official, t.newCodeInvalid)
    if ((await listServiceVersions(store, { code })).length > 0) return listPage(c, official, t.newCodeTaken)
    const blank = { uk: '', en: '', et: '' }
    await createDraft(store, {
      ...actor(official),
      code,
      definition: {
        code,
        version: 1,
        name: blank,
        summary: blank,
        category: 'civic',
        agency: official.agency,
        pages: [{ id: 'main', title: blank, fields: [{ id: 'answer', type: 'text', label: blank }] }],
        decision: { by: 'official', deadlineDays: 30 },
      },
    })
    return c.redirect(`/office/services/${encodeURIComponent(code)}`, 303)
  })

  const servicePage = async (c: Context, official: Desk, code: string, notice?: Notice, status: Status = 200) => {
    const language = languageOf(c)
    const t = texts[language]
    const versions = (await versionsOf(official.agency, code)).get(code)
    if (!versions) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such service of this agency' })
    const isDesigner = official.roles.includes(designer)
    const isApprover = official.roles.includes(approver)
    const live = versions.find((v) => v.state === 'live')
    const history = await serviceHistory(store, code)
    const base = `/office/services/${encodeURIComponent(code)}`
    const open = versions.filter((v) => v.state === 'draft' || v.state === 'in-review')
    // A notice about a version no longer open (published meanwhile) is shown at the top.
    const noticeAt = open.some((v) => v.version === notice?.version) ? notice?.version : undefined
    const noticeHtml = (version?: number) => {
      if (!notice || noticeAt !== version) return ''
      const problems = notice.problems?.length
        ? `<ul id="problems-${version ?? 'service'}">${notice.problems.map((p) => `<li><code>${escapeHtml(p.path || '(root)')}</code>: ${escapeHtml(p.message)}</li>`).join('')}</ul>`
        : ''
      return `<div class="${notice.ok ? 'ok' : 'bad'}" role="${notice.ok ? 'status' : 'alert'}" id="notice-${version ?? 'service'}"><p>${escapeHtml(notice.message)}</p>${problems}</div>`
    }
    const versionBlock = (v: ServiceVersion) => {
      const id = `v${v.version}`
      const invalid = notice && noticeAt === v.version && !notice.ok
      const forms: string[] = []
      if (v.state === 'draft' && isDesigner) {
        forms.push(`<p><a href="${base}/${v.version}/builder">${t.builder}</a></p>
<form method="post" action="${base}/${v.version}/save" novalidate>
<input type="hidden" name="revision" value="${v.revision}">
<label for="${id}-definition">${t.definition}</label>
<textarea id="${id}-definition" name="definition" rows="12" spellcheck="false"${invalid ? ` aria-invalid="true" aria-describedby="notice-${v.version}"` : ''}>${escapeHtml(JSON.stringify(v.definition, null, 2))}</textarea>
<button class="secondary" type="submit">${t.save}</button>
</form>
<form method="post" action="${base}/${v.version}/submit"><button class="primary" type="submit">${t.submit}</button></form>`)
      }
      if (v.state === 'in-review' && isApprover) {
        const reasonInvalid = invalid && notice?.field === 'reason'
        forms.push(`<form method="post" action="${base}/${v.version}/approve"><button class="primary" type="submit">${t.approve}</button></form>
<form method="post" action="${base}/${v.version}/send-back" novalidate>
<label for="${id}-reason">${t.reason}</label>
<textarea id="${id}-reason" name="reason" rows="2"${reasonInvalid ? ` aria-invalid="true" aria-describedby="notice-${v.version}"` : ''}></textarea>
<button class="secondary" type="submit">${t.sendBack}</button>
</form>`)
      }
      return `<section aria-labelledby="${id}-heading" class="version">
<h3 id="${id}-heading">${t.version} ${v.version}: ${t[`state.${v.state}`]}</h3>
<p>${t.changed}: ${date(language, v.updatedAt)}. ${t.by}: ${escapeHtml(v.createdBy)}${v.reviewedBy ? `, ${escapeHtml(v.reviewedBy)}` : ''}</p>
${noticeHtml(v.version)}
${forms.join('\n')}
</section>`
    }
    const earlier = versions.filter((v) => (v.state === 'superseded' || v.state === 'retired') && v !== live)
    const liveActions: string[] = []
    if (isDesigner && live) {
      liveActions.push(
        `<form method="post" action="${base}/drafts"><button class="secondary" type="submit">${t.newDraft}</button></form>`,
      )
    }
    if (isApprover && live) {
      liveActions.push(`<form method="post" action="${base}/retire">
<label for="retire-reason">${t.retireReason}</label>
<input id="retire-reason" name="reason" type="text" maxlength="500">
<button class="secondary" type="submit">${t.retire}</button>
</form>`)
    }
    if (isApprover && earlier.length > 0) {
      liveActions.push(`<form method="post" action="${base}/roll-back">
<label for="roll-back-to">${t.rollBack}</label>
<select id="roll-back-to" name="to">${earlier
        .map((v) => `<option value="${v.version}">${t.version} ${v.version} (${t[`state.${v.state}`]})</option>`)
        .join('')}</select>
<button class="secondary" type="submit">${t.rollBackButton}</button>
</form>`)
    }
    const body = `<a class="back" href="/office/services">← ${t.services}</a>
<h1>${escapeHtml(nameOf(live ?? (versions.at(-1) as ServiceVersion), language))}</h1>
${noticeHtml(undefined)}
<h2>${t.live}</h2>
<p>${live ? `${t.version} ${live.version}, ${date(language, live.publishedAt)}` : t.noLive}</p>
${liveActions.join('\n')}
<h2>${t.drafts}</h2>
${open.length === 0 ? '<p>—</p>' : open.map(versionBlock).join('\n')}
<h2>${t.history}</h2>
<ol class="timeline">${history
      .map(
        (h) =>
          `<li>${date(language, h.at)}: v${h.version} ${t[`event.${h.type}`]} (${escapeHtml(h.actor)})${h.reason ? ` — ${escapeHtml(h.reason)}` : ''}</li>`,
      )
      .join('')}</ol>`
    return page(c, nameOf(live ?? (versions.at(-1) as ServiceVersion), language), body, official, status)
  }

  app.get('/office/services/:code', async (c) => {
    const gated = await gate(c)
    if ('response' in gated) return gated.response
    return servicePage(c, gated.official, c.req.param('code'))
  })

  /**
   * One lifecycle step from a form: the official must have the role and the service be
   * their agency's; a refusal is shown on the service's page, by the version it concerns.
   */
  const step = (
    path: string,
    role: string,
    run: (
      c: Context,
      official: Desk,
      code: string,
      form: Record<string, unknown>,
      t: Texts,
    ) => Promise<Notice | undefined>,
  ) =>
    app.post(path, async (c) => {
      sameOrigin(c)
      const gated = await gate(c)
      if ('response' in gated) return gated.response
      const { official } = gated
      const code = c.req.param('code') as string
      const t = texts[languageOf(c)]
      if (!(await versionsOf(official.agency, code)).has(code)) {
        throw new PolisError('ERR_NOT_FOUND', { detail: 'no such service of this agency' })
      }
      if (!official.roles.includes(role)) throw new PolisError('ERR_FORBIDDEN', { detail: `not a ${role}` })
      const form = (await c.req.parseBody()) as Record<string, unknown>
      const version = Number(c.req.param('version'))
      const at = Number.isInteger(version) && version > 0 ? version : undefined
      try {
        const notice = await run(c, official, code, form, t)
        if (notice) return servicePage(c, official, code, notice, notice.ok ? 200 : 400)
      } catch (error) {
        if (error instanceof DefinitionRefused) {
          return servicePage(c, official, code, { version: at, message: t.problems, problems: error.problems }, 400)
        }
        if (
          isPolisError(error) &&
          ['ERR_DRAFT_CHANGED', 'ERR_SAME_REVIEWER', 'ERR_VERSION_STATE', 'ERR_BAD_REQUEST'].includes(error.code)
        ) {
          return servicePage(c, official, code, { version: at, message: messageOf(error.code, languageOf(c)) }, 400)
        }
        throw error
      }
      return c.redirect(`/office/services/${encodeURIComponent(code)}`, 303)
    })

  const versionParam = (c: Context) => Number(c.req.param('version'))

  step('/office/services/:code/drafts', designer, async (_c, official, code) => {
    await createDraft(store, { ...actor(official), code, from: 'live' })
    return undefined
  })
  step('/office/services/:code/:version/save', designer, async (c, official, code, form, t) => {
    const version = versionParam(c)
    let definition: unknown
    try {
      definition = JSON.parse(formInput(form, 'definition'))
    } catch {
      return { version, message: t.notJson }
    }
    await updateDraft(store, {
      ...actor(official),
      code,
      version,
      revision: Number(formInput(form, 'revision')),
      definition,
    })
    return { version, message: t.saved, ok: true }
  })
  step('/office/services/:code/:version/submit', designer, async (c, official, code) => {
    await submitForReview(store, { ...actor(official), code, version: versionParam(c) })
    return undefined
  })
  step('/office/services/:code/:version/approve', approver, async (c, official, code) => {
    await approveVersion(store, { ...actor(official), code, version: versionParam(c) })
    await engine.refresh()
    return undefined
  })
  step('/office/services/:code/:version/send-back', approver, async (c, official, code, form, t) => {
    const reason = formInput(form, 'reason').trim().slice(0, 1000)
    const version = versionParam(c)
    if (reason.length < 3) return { version, message: t.reasonNeeded, field: 'reason' }
    await sendBack(store, { ...actor(official), code, version, reason })
    return undefined
  })
  step('/office/services/:code/retire', approver, async (_c, official, code, form) => {
    const reason = formInput(form, 'reason').trim().slice(0, 500)
    await retireService(store, { ...actor(official), code, ...(reason ? { reason } : {}) })
    await engine.refresh()
    return undefined
  })
  step('/office/services/:code/roll-back', approver, async (_c, official, code, form) => {
    await rollBack(store, { ...actor(official), code, to: Number(formInput(form, 'to')) })
    await engine.refresh()
    return undefined
  })
}

const navTexts = { en: 'Services', uk: 'Послуги', et: 'Teenused' } as const satisfies Record<Language, string>

/** The office's link to the Services pages, for the officials who work there; empty for the others. */
export function servicesNavLink(official: { roles: string[] }, language: Language): string {
  return official.roles.includes(designer) || official.roles.includes(approver)
    ? `<a href="/office/services">${navTexts[language]}</a>`
    : ''
}
