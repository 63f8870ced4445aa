/**
 * The cabinet's purpose form, in two steps: the registration (the contacts, the first
 * purpose and its documents; then each document's claims), and another purpose added the
 * same way while the registration waits for the office. Each mistake is said at its
 * field and summed up on top; the second step carries the first's answers.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { documentTypes, findDocumentType } from '@polis/documents'
import { PolisError } from '@polis/kernel'
import type { LegalEntity } from '@polis/registries'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { z } from 'zod'
import { addPurpose, type Business, registerBusiness } from './businesses.ts'
import type { CabinetContext } from './cabinet-context.ts'
import { type CabinetText, cabinetTexts } from './cabinet-texts.ts'
import { Purpose } from './purposes.ts'

/** Optional words in one language: left empty, or as long as the purpose's own. */
const OtherWords = z.union([z.literal(''), Purpose.shape.description])
/** The form's fields of the purpose's words in each language, and the language each is in. */
const wordFields = [
  ['descriptionEn', 'en'],
  ['descriptionUk', 'uk'],
  ['descriptionEt', 'et'],
] as const

/** A purpose's first step as the form sends it: its code, its words (in each language too) and its documents. */
const StepPurpose = z.object({
  purposeId: Purpose.shape.id,
  description: Purpose.shape.description,
  descriptionEn: OtherWords,
  descriptionUk: OtherWords,
  descriptionEt: OtherWords,
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
  descriptionEn: 'descriptionInvalid',
  descriptionUk: 'descriptionInvalid',
  descriptionEt: 'descriptionInvalid',
  documents: 'documentsInvalid',
}

/** Registers the form's routes; answers the page that starts a registration. */
export function registerPurposeForms(app: OpenAPIHono, cx: CabinetContext) {
  const { platform, page, languageOf, textOf, representative, guardPost } = cx
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
    const field = (name: keyof StepOne, type: 'email' | 'text', hint?: CabinetText, lang?: string) => {
      const error = errors.get(name)
      const described = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ')
      return `<div class="field${error ? ' has-error' : ''}"><label for="${name}">${t(name === 'purposeId' ? 'purposeId' : name)}</label>
${hint ? `<p class="hint" id="${name}-hint">${t(hint)}</p>` : ''}
${error ? `<p class="field-error" id="${name}-error">${error}</p>` : ''}
<input id="${name}" name="${name}" type="${type}"${lang ? ` lang="${lang}"` : ''} value="${escapeHtml(String(values[name] ?? ''))}"${type === 'email' ? ' autocomplete="email"' : ''}${described ? ` aria-describedby="${described}"` : ''}${error ? ' aria-invalid="true"' : ''}></div>`
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
<fieldset class="field" aria-describedby="languages-hint"><legend>${t('languagesHeading')}</legend>
<p class="hint" id="languages-hint">${t('languagesHint')}</p>
${wordFields.map(([name, lang]) => field(name, 'text', undefined, lang)).join('\n')}
</fieldset>
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
      descriptionEn: text('descriptionEn'),
      descriptionUk: text('descriptionUk'),
      descriptionEt: text('descriptionEt'),
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
      const given = wordFields.flatMap(([name, lang]) => (one[name] ? [[lang, one[name]] as const] : []))
      const purpose = {
        id: one.purposeId,
        description: one.description,
        ...(given.length > 0 ? { descriptions: Object.fromEntries(given) } : {}),
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

  return { registrationPage: (c: Context, entity: LegalEntity) => stepOnePage(c, entity, {}, new Map(), 'register') }
}
