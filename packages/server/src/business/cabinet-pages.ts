/**
 * The business cabinet at `/business`, on the portal's pages and sign-in (Polis ID): a
 * representative of a company the business register names (its director or a board
 * member) registers it for sharing, declares its purposes and the claims of each, sees
 * the registration's state, downloads its access and registration certificates, makes
 * and revokes API keys (shown once), and answers citizens' deletion requests. What it
 * does is what `polis businesses` does: the same functions.
 */

import type { OpenAPIHono } from '@hono/zod-openapi'
import { documentTypes, findDocumentType } from '@polis/documents'
import { type Language, PolisError } from '@polis/kernel'
import { type LegalEntity, listRepresentedEntities } from '@polis/registries'
import { toPem } from '@polis/trust'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { z } from 'zod'
import { pageLocales } from '../http/page-language.ts'
import { countAttempt } from '../http/rate-limit.ts'
import type { Platform } from '../platform/create-platform.ts'
import { answerDeletion, listBusinessDeletions } from '../sharing/deletion-requests.ts'
import {
  addPurpose,
  type Business,
  createApiKey,
  findBusinessByRegisterNumber,
  listApiKeys,
  registerBusiness,
  renewWebhookSecret,
  revokeApiKey,
} from './businesses.ts'
import { type CabinetText, cabinetTexts } from './cabinet-texts.ts'
import { Purpose } from './purposes.ts'
import { issueRegistrationCertificate } from './registration-certificate.ts'

export interface CabinetPagesOptions {
  platform: Platform
  languageOf: (c: Context) => Language
  page: (c: Context, title: string, body: string, status?: 200 | 400 | 404 | 409 | 422) => Promise<Response>
  requireCitizen: (c: Context) => Promise<{ redirect: Response } | { citizenId: string }>
  sameOrigin: (c: Context) => void
  log: (line: Record<string, unknown>) => void
}

/** A purpose's first step as the form sends it: its code, its words and its documents. */
const StepPurpose = z.object({
  purposeId: Purpose.shape.id,
  description: Purpose.shape.description,
  documents: z.array(z.string().max(64)).min(1).max(16),
})
/** The registration's first step: the contacts too. */
const StepOne = StepPurpose.extend({ contact: z.email().max(200), privacy: z.email().max(200) })
type StepOne = z.infer<typeof StepOne>
/** Registering the company with its first purpose, or adding a purpose while it waits. */
type FormMode = 'register' | 'purpose'
const formPath = (mode: FormMode) => (mode === 'register' ? 'register' : 'purposes')
const fieldTexts: Record<keyof StepOne, CabinetText> = {
  contact: 'emailInvalid',
  privacy: 'privacyInvalid',
  purposeId: 'purposeIdInvalid',
  description: 'descriptionInvalid',
  documents: 'documentsInvalid',
}

export function registerBusinessCabinet(app: OpenAPIHono, options: CabinetPagesOptions): void {
  const { platform, languageOf, page, requireCitizen, sameOrigin } = options
  const textOf = (c: Context) => {
    const texts = cabinetTexts[languageOf(c)]
    return (key: CabinetText, values: Record<string, string> = {}) =>
      escapeHtml(texts[key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? ''))
  }
  const dateOf = (c: Context, iso: string) =>
    escapeHtml(
      new Intl.DateTimeFormat(pageLocales[languageOf(c)], { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(iso),
      ),
    )

  /** The signed-in citizen and the company they represent; ERR_NOT_REPRESENTATIVE otherwise. */
  const representative = async (c: Context) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate
    const number = c.req.param('number') ?? ''
    const entities = await listRepresentedEntities(platform.store, gate.citizenId)
    const entity = entities.find((e) => e.registerNumber === number)
    if (!entity) throw new PolisError('ERR_NOT_REPRESENTATIVE')
    return { citizenId: gate.citizenId, entity, business: await findBusinessByRegisterNumber(platform, number) }
  }

  /** Every change in the cabinet: same origin, and 30 in ten minutes per citizen. */
  const guardPost = async (c: Context, citizenId: string) => {
    sameOrigin(c)
    await countAttempt(c, {
      store: platform.store,
      now: platform.now,
      name: 'business-cabinet',
      limit: 30,
      windowSeconds: 600,
      log: options.log,
      subject: citizenId,
    })
  }

  const approved = (business: Business | undefined) => {
    if (business?.status !== 'approved') throw new PolisError('ERR_BUSINESS_NOT_APPROVED')
    return business
  }

  app.get('/business', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const t = textOf(c)
    const entities = await listRepresentedEntities(platform.store, gate.citizenId)
    const items = await Promise.all(
      entities.map(async (entity) => {
        const business = await findBusinessByRegisterNumber(platform, entity.registerNumber)
        return `<li><a href="/business/${entity.registerNumber}">${escapeHtml(entity.legalName)}</a>
<p>${t('registerNumber')}: ${entity.registerNumber} · ${t('role')}: ${t(`role.${entity.role}`)}</p>
<p><span class="tag">${business ? t(`status.${business.status}`) : t('notRegistered')}</span></p></li>`
      }),
    )
    const body = `<h1>${t('title')}</h1>
<p>${t('intro')}</p>
<h2>${t('yourCompanies')}</h2>
${entities.length === 0 ? `<p>${t('none')}</p>` : `<ul class="services">${items.join('')}</ul>`}`
    return page(c, cabinetTexts[languageOf(c)].title, body)
  })

  const entityFacts = (c: Context, entity: LegalEntity) => {
    const t = textOf(c)
    return `<dl class="facts cabinet-facts">
<dt>${t('legalName')}</dt><dd>${escapeHtml(entity.legalName)}</dd>
<dt>${t('registerNumber')}</dt><dd>${entity.registerNumber}</dd>
<dt>${t('legalForm')}</dt><dd>${escapeHtml(entity.legalForm)}</dd>
<dt>${t('address')}</dt><dd>${escapeHtml(entity.address)}</dd>
</dl>`
  }

  const errorSummary = (c: Context, errors: Array<{ field: string; message: string }>) =>
    errors.length === 0
      ? ''
      : `<div class="error-summary" role="alert" tabindex="-1"><h2>${textOf(c)('errorSummary')}</h2><ul>${errors
          .map((e) => `<li><a href="#${e.field}">${e.message}</a></li>`)
          .join('')}</ul></div>`

  /** Step one: contacts, the purpose and its documents. */
  const stepOnePage = (
    c: Context,
    entity: LegalEntity,
    values: Partial<Record<keyof StepOne, string | string[]>>,
    errors: Map<string, string>,
    mode: FormMode,
  ) => {
    const t = textOf(c)
    const language = languageOf(c)
    const field = (name: keyof StepOne, type: 'email' | 'text', hint?: CabinetText) => {
      const error = errors.get(name)
      const described = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ')
      return `<div class="field${error ? ' has-error' : ''}"><label for="${name}">${t(name === 'purposeId' ? 'purposeId' : name)}</label>
${hint ? `<p class="hint" id="${name}-hint">${t(hint)}</p>` : ''}
${error ? `<p class="field-error" id="${name}-error">${error}</p>` : ''}
<input id="${name}" name="${name}" type="${type}" value="${escapeHtml(String(values[name] ?? ''))}"${type === 'email' ? ' autocomplete="email"' : ''}${described ? ` aria-describedby="${described}"` : ''}${error ? ' aria-invalid="true"' : ''}></div>`
    }
    const chosen = new Set([values.documents ?? []].flat())
    const documentsError = errors.get('documents')
    const heading = mode === 'register' ? 'register' : 'addPurpose'
    const body = `<a class="back" href="${mode === 'register' ? '/business' : `/business/${entity.registerNumber}`}">${mode === 'register' ? t('title') : t('back')}</a>
<h1>${t(heading)}</h1>
${errorSummary(
  c,
  [...errors].map(([f, message]) => ({ field: f === 'documents' ? 'document-0' : f, message })),
)}
${
  mode === 'register'
    ? `<h2>${t('fromRegister')}</h2>
${entityFacts(c, entity)}`
    : `<p>${escapeHtml(entity.legalName)}</p>`
}
<form method="post" action="/business/${entity.registerNumber}/${formPath(mode)}" novalidate>
${mode === 'register' ? `${field('contact', 'email', 'contactHint')}\n${field('privacy', 'email', 'privacyHint')}` : ''}
<h2>${t('purposeHeading')}</h2>
${field('purposeId', 'text', 'purposeIdHint')}
${field('description', 'text', 'descriptionHint')}
<div class="field${documentsError ? ' has-error' : ''}"><fieldset aria-describedby="documents-hint${documentsError ? ' documents-error' : ''}">
<legend>${t('documents')}</legend>
<p class="hint" id="documents-hint">${t('documentsHint')}</p>
${documentsError ? `<p class="field-error" id="documents-error">${documentsError}</p>` : ''}
${documentTypes
  .map(
    (type, index) =>
      `<label class="choice"><input type="checkbox" id="document-${index}" name="documents" value="${type.code}"${chosen.has(type.code) ? ' checked' : ''}> ${escapeHtml(type.name[language])}</label>`,
  )
  .join('\n')}
</fieldset></div>
<button class="primary" type="submit">${t('continue')}</button>
</form>`
    return page(c, cabinetTexts[language][heading], body, errors.size > 0 ? 400 : 200)
  }

  /** Step two: the claims of each chosen document, step one's answers carried along. */
  const stepTwoPage = (
    c: Context,
    entity: LegalEntity,
    one: z.infer<typeof StepPurpose>,
    chosen: Map<string, Set<string>>,
    mode: FormMode,
    error?: string,
  ) => {
    const t = textOf(c)
    const language = languageOf(c)
    const hidden = Object.entries(one)
      .flatMap(([name, value]) =>
        [value].flat().map((v) => `<input type="hidden" name="${name}" value="${escapeHtml(v)}">`),
      )
      .join('\n')
    const groups = one.documents
      .map((code, d) => {
        const type = findDocumentType(code)
        if (!type) return ''
        return `<fieldset class="field"><legend>${escapeHtml(type.name[language])}</legend>
${type.claims
  .map(
    (claim, index) =>
      `<label class="choice"><input type="checkbox" id="claim-${d}-${index}" name="claim:${code}" value="${claim.name}"${chosen.get(code)?.has(claim.name) ? ' checked' : ''}> ${escapeHtml(claim.label[language])}</label>`,
  )
  .join('\n')}
</fieldset>`
      })
      .join('\n')
    const body = `<a class="back" href="/business/${entity.registerNumber}">${t('back')}</a>
<h1>${t('claimsHeading')}</h1>
${error ? errorSummary(c, [{ field: 'claim-0-0', message: error }]) : ''}
<p>${escapeHtml(entity.legalName)} · ${escapeHtml(one.description)}</p>
<p>${t('claimsIntro')}</p>
<form method="post" action="/business/${entity.registerNumber}/${formPath(mode)}/claims" novalidate>
${hidden}
${groups}
<button class="primary" type="submit">${t(mode === 'register' ? 'submit' : 'addPurpose')}</button>
</form>`
    return page(c, cabinetTexts[language].claimsHeading, body, error ? 400 : 200)
  }

  /** Step one's answers, read from a form; what is wrong, by field. */
  const readStepOne = async (c: Context, mode: FormMode) => {
    const form = await c.req.parseBody({ all: true })
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '')
    const documents = [form.documents ?? []].flat().filter((d): d is string => typeof d === 'string')
    const values = {
      contact: text('contact'),
      privacy: text('privacy'),
      purposeId: text('purposeId'),
      description: text('description'),
      documents: documents.filter((d) => findDocumentType(d)),
    }
    const parsed = (mode === 'register' ? StepOne : StepPurpose).safeParse(values)
    const errors = new Map<string, string>()
    const t = textOf(c)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0]) as keyof StepOne
        if (!errors.has(name)) errors.set(name, t(fieldTexts[name]))
      }
    }
    const one = parsed.success ? { ...values, ...parsed.data } : undefined
    return { form, values, one, errors }
  }

  app.get('/business/:number', async (c) => {
    const gate = await representative(c)
    if ('redirect' in gate) return gate.redirect
    if (!gate.business) return stepOnePage(c, gate.entity, {}, new Map(), 'register')
    return businessPage(c, gate.entity, gate.business)
  })

  /** Both steps of either form; the second step's answer is the purpose, or a page saying what is wrong. */
  const purposeSteps = (mode: FormMode) => {
    app.post(`/business/:number/${formPath(mode)}`, async (c) => {
      const gate = await representative(c)
      if ('redirect' in gate) return gate.redirect
      await guardPost(c, gate.citizenId)
      mayUse(gate.business, mode)
      const { values, one, errors } = await readStepOne(c, mode)
      if (!one) return stepOnePage(c, gate.entity, values, errors, mode)
      const taken = gate.business?.purposes.some((p) => p.id === one.purposeId)
      if (taken) return stepOnePage(c, gate.entity, values, new Map([['purposeId', textOf(c)('purposeIdTaken')]]), mode)
      return stepTwoPage(c, gate.entity, one, new Map(), mode)
    })

    app.post(`/business/:number/${formPath(mode)}/claims`, async (c) => {
      const gate = await representative(c)
      if ('redirect' in gate) return gate.redirect
      await guardPost(c, gate.citizenId)
      const business = mayUse(gate.business, mode)
      const { form, values, one, errors } = await readStepOne(c, mode)
      if (!one) return stepOnePage(c, gate.entity, values, errors, mode)
      const chosen = new Map(
        one.documents.map((code) => [
          code,
          new Set([form[`claim:${code}`] ?? []].flat().filter((v): v is string => typeof v === 'string')),
        ]),
      )
      const empty = one.documents.find((code) => (chosen.get(code)?.size ?? 0) === 0)
      if (empty) {
        const name = findDocumentType(empty)?.name[languageOf(c)] ?? empty
        return stepTwoPage(c, gate.entity, one, chosen, mode, textOf(c)('claimsInvalid', { document: name }))
      }
      const purpose = {
        id: one.purposeId,
        description: one.description,
        documents: one.documents.map((code) => ({ document: code, claims: [...(chosen.get(code) ?? [])] })),
      }
      if (business) {
        await addPurpose(platform, { businessId: business.id, purpose })
      } else {
        await registerBusiness(platform, {
          registerNumber: gate.entity.registerNumber,
          contactEmail: one.contact,
          privacyEmail: one.privacy,
          purposes: [purpose],
        })
      }
      return c.redirect(`/business/${gate.entity.registerNumber}`, 303)
    })
  }

  /** A company registers once; purposes are added while its registration waits for the office. */
  const mayUse = (business: Business | undefined, mode: FormMode) => {
    if (mode === 'register') {
      if (business) throw new PolisError('ERR_ALREADY_REGISTERED')
      return undefined
    }
    if (!business) throw new PolisError('ERR_NOT_FOUND', { detail: 'not registered' })
    if (business.status !== 'pending') throw new PolisError('ERR_CASE_DECIDED', { detail: business.status })
    return business
  }

  purposeSteps('register')
  purposeSteps('purpose')

  app.get('/business/:number/purposes/new', async (c) => {
    const gate = await representative(c)
    if ('redirect' in gate) return gate.redirect
    mayUse(gate.business, 'purpose')
    return stepOnePage(c, gate.entity, {}, new Map(), 'purpose')
  })

  /** The registration: its state, purposes and claims; once approved, certificates and keys. */
  const businessPage = async (
    c: Context,
    entity: LegalEntity,
    business: Business,
    shown: { key?: string; secret?: string } = {},
  ) => {
    const newKey = shown.key
    const t = textOf(c)
    const language = languageOf(c)
    const purposes = business.purposes
      .map(
        (purpose) => `<li><strong>${escapeHtml(purpose.description)}</strong> (<code>${escapeHtml(purpose.id)}</code>)
<ul>${purpose.documents
          .map((asked) => {
            const type = findDocumentType(asked.document)
            const label = (name: string) => type?.claims.find((claim) => claim.name === name)?.label[language] ?? name
            return `<li>${escapeHtml(type?.name[language] ?? asked.document)}: ${asked.claims.map((name) => escapeHtml(label(name))).join(', ')}</li>`
          })
          .join('')}</ul></li>`,
      )
      .join('')
    const base = `/business/${entity.registerNumber}`
    let approvedPart = ''
    if (business.status === 'approved') {
      const keys = await listApiKeys(platform, business.id)
      const items = keys
        .map(
          (key) =>
            `<li><code>pk_${escapeHtml(key.id)}</code> · ${t('created')} ${dateOf(c, key.createdAt)} · ${
              key.revokedAt
                ? t('revoked', { date: dateOf(c, key.revokedAt) })
                : `${t('active')}<form method="post" action="${base}/keys/${escapeHtml(key.id)}/revoke"><button class="secondary" type="submit">${t('revoke', { id: `pk_${key.id}` })}</button></form>`
            }</li>`,
        )
        .join('')
      approvedPart = `<h2>${t('certificates')}</h2>
<p>${t('certificatesNote')}</p>
<dl class="facts cabinet-facts"><dt>${t('clientId')}</dt><dd><code class="wrap">${escapeHtml(business.clientId ?? '')}</code></dd></dl>
<ul class="files"><li><a href="${base}/access-certificate.pem">${t('accessCertificate')}</a></li><li><a href="${base}/registration-certificate.jwt">${t('registrationCertificate')}</a></li></ul>
<h2 id="keys">${t('apiKeys')}</h2>
${newKey ? `<div class="panel" role="status"><h3>${t('newKey')}</h3><p><code class="wrap" id="new-key">${escapeHtml(newKey)}</code></p><p>${t('newKeyNote')}</p></div>` : ''}
<p>${t('apiKeysNote')}</p>
${keys.length === 0 ? `<p>${t('noKeys')}</p>` : `<ul class="keys">${items}</ul>`}
<form method="post" action="${base}/keys"><button class="primary" type="submit">${t('createKey')}</button></form>
<h2 id="webhooks">${t('webhooks')}</h2>
${shown.secret ? `<div class="panel" role="status"><h3>${t('secretShown')}</h3><p><code class="wrap" id="new-secret">${escapeHtml(shown.secret)}</code></p><p>${t('secretNote')}</p></div>` : ''}
<p>${t('webhooksNote')}</p>
<form method="post" action="${base}/webhook-secret"><button class="secondary" type="submit">${t('newSecret')}</button></form>
<p><a href="${base}/deletions">${t('deletions')}</a></p>`
    }
    const body = `<a class="back" href="/business">${t('title')}</a>
<h1>${escapeHtml(entity.legalName)}</h1>
<h2>${t('registration')}</h2>
<dl class="facts cabinet-facts">
<dt>${t('state')}</dt><dd><span class="tag" id="registration-state">${t(`status.${business.status}`)}</span></dd>
<dt>${t('registerNumber')}</dt><dd>${entity.registerNumber}</dd>
<dt>${t('registeredAt')}</dt><dd>${dateOf(c, business.registeredAt)}</dd>
${business.decidedAt ? `<dt>${t('decidedAt')}</dt><dd>${dateOf(c, business.decidedAt)}</dd>` : ''}
${business.decisionReason ? `<dt>${t('reason')}</dt><dd>${escapeHtml(business.decisionReason)}</dd>` : ''}
<dt>${t('contact')}</dt><dd>${escapeHtml(business.contactEmail)}</dd>
<dt>${t('privacy')}</dt><dd>${escapeHtml(business.privacyEmail)}</dd>
</dl>
${business.status === 'pending' ? `<p>${t('pendingNote')}</p>` : ''}
<h2>${t('purposes')}</h2>
<ul>${purposes}</ul>
${business.status === 'pending' ? `<a class="button secondary" href="${base}/purposes/new">${t('addPurpose')}</a>` : ''}
${approvedPart}`
    return page(c, entity.legalName, body)
  }

  app.post('/business/:number/keys', async (c) => {
    const gate = await representative(c)
    if ('redirect' in gate) return gate.redirect
    await guardPost(c, gate.citizenId)
    const business = approved(gate.business)
    const key = await createApiKey(platform, business.id)
    return businessPage(c, gate.entity, business, { key })
  })

  app.post('/business/:number/webhook-secret', async (c) => {
    const gate = await representative(c)
    if ('redirect' in gate) return gate.redirect
    await guardPost(c, gate.citizenId)
    const business = approved(gate.business)
    const secret = await renewWebhookSecret(platform, business.id)
    return businessPage(c, gate.entity, business, { secret })
  })

  app.post('/business/:number/keys/:key/revoke', async (c) => {
    const gate = await representative(c)
    if ('redirect' in gate) return gate.redirect
    await guardPost(c, gate.citizenId)
    const business = approved(gate.business)
    await revokeApiKey(platform, { businessId: business.id, keyId: c.req.param('key') })
    return c.redirect(`/business/${gate.entity.registerNumber}#keys`, 303)
  })

  app.get('/business/:number/access-certificate.pem', async (c) => {
    const gate = await representative(c)
    if ('redirect' in gate) return gate.redirect
    const business = approved(gate.business)
    return c.body(toPem(new Uint8Array(Buffer.from(business.certificate ?? '', 'base64'))), 200, {
      'content-type': 'application/x-pem-file',
      'content-disposition': `attachment; filename="access-certificate-${gate.entity.registerNumber}.pem"`,
      'cache-control': 'no-store',
    })
  })

  app.get('/business/:number/registration-certificate.jwt', async (c) => {
    const gate = await representative(c)
    if ('redirect' in gate) return gate.redirect
    const jwt = await issueRegistrationCertificate(platform, approved(gate.business))
    return c.body(jwt, 200, {
      'content-type': 'application/jwt',
      'content-disposition': `attachment; filename="registration-certificate-${gate.entity.registerNumber}.jwt"`,
      'cache-control': 'no-store',
    })
  })

  const deletionsPage = async (
    c: Context,
    entity: LegalEntity,
    business: Business,
    problem?: { id: string; message: string },
  ) => {
    const t = textOf(c)
    const language = languageOf(c)
    const base = `/business/${entity.registerNumber}`
    const all = await listBusinessDeletions(platform, business.id)
    const items = all
      .map((d) => {
        const claims = d.claims
          .map((shared) => {
            const type = findDocumentType(shared.document)
            const label = (name: string) => type?.claims.find((claim) => claim.name === name)?.label[language] ?? name
            return `${escapeHtml(type?.name[language] ?? shared.document)}: ${shared.claims.map((n) => escapeHtml(label(n))).join(', ')}`
          })
          .join('; ')
        const wrong = problem?.id === d.id
        const answer =
          d.state === 'asked'
            ? `<form method="post" action="${base}/deletions/${d.id}" novalidate>
<button class="primary" type="submit" name="outcome" value="done">${t('markDone')}</button>
<div class="field${wrong ? ' has-error' : ''}"><label for="reason-${d.id}">${t('refuseReason')}</label>
${wrong ? `<p class="field-error" id="reason-${d.id}-error">${escapeHtml(problem.message)}</p>` : ''}
<textarea id="reason-${d.id}" name="reason" rows="3"${wrong ? ` aria-describedby="reason-${d.id}-error" aria-invalid="true"` : ''}></textarea></div>
<button type="submit" name="outcome" value="refused">${t('refuseDeletion')}</button>
</form>`
            : d.answerReason
              ? `<p>${t('reason')}: ${escapeHtml(d.answerReason)}</p>`
              : ''
        return `<li class="access"><p><span class="tag">${t(`deletion.${d.state}`)}</span>${d.reportedAt ? ` · ${t('reported')}` : ''}</p>
<p>${t('asked')}: ${dateOf(c, d.askedAt)} · ${t('request')}: <code class="wrap">${escapeHtml(d.requestId)}</code></p>
<p>${claims}</p>
${answer}</li>`
      })
      .join('')
    const body = `<a class="back" href="${base}">${t('back')}</a>
<h1>${t('deletions')}</h1>
<p>${t('deletionsIntro')}</p>
${all.length === 0 ? `<p>${t('noDeletions')}</p>` : `<ol class="accesses">${items}</ol>`}`
    return page(c, cabinetTexts[language].deletions, body, problem ? 400 : 200)
  }

  app.get('/business/:number/deletions', async (c) => {
    const gate = await representative(c)
    if ('redirect' in gate) return gate.redirect
    return deletionsPage(c, gate.entity, approved(gate.business))
  })

  app.post('/business/:number/deletions/:id', async (c) => {
    const gate = await representative(c)
    if ('redirect' in gate) return gate.redirect
    await guardPost(c, gate.citizenId)
    const business = approved(gate.business)
    const form = await c.req.parseBody()
    const outcome = form.outcome === 'done' ? 'done' : 'refused'
    const reason = typeof form.reason === 'string' ? form.reason : undefined
    try {
      await answerDeletion(platform, { businessId: business.id, id: c.req.param('id'), outcome, reason })
    } catch (error) {
      if (error instanceof PolisError && error.field === 'reason') {
        return deletionsPage(c, gate.entity, business, {
          id: c.req.param('id'),
          message: cabinetTexts[languageOf(c)].reasonInvalid,
        })
      }
      throw error
    }
    return c.redirect(`/business/${gate.entity.registerNumber}/deletions`, 303)
  })
}

export const cabinetStyles = `
code.wrap { word-break: break-all; }
.cabinet-facts { grid-template-columns: minmax(0, 1fr); }
.cabinet-facts dd { margin-bottom: 0.5rem; }
.keys { list-style: none; padding: 0; }
.keys li { border-top: 1px solid var(--border); padding: 0.5rem 0; }
label.choice { display: flex; gap: 0.5rem; align-items: center; min-height: 44px; }
.facts dt { font-weight: 700; }
`
