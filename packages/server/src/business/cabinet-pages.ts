/**
 * The business cabinet at `/business`, on the portal's pages and sign-in (Polis ID): a
 * representative of a company the business register names (its director or a board
 * member) registers it for sharing, declares its purposes and the claims of each, sees
 * the registration's state, downloads its access and registration certificates, makes
 * and revokes API keys (shown once), and answers citizens' deletion requests. What it
 * does is what `polis businesses` does: the same functions.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { findDocumentType } from '@polis/documents'
import type { LegalEntity } from '@polis/registries'
import { listRepresentedEntities } from '@polis/registries'
import { toPem } from '@polis/trust'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import {
  type Business,
  createApiKey,
  findBusinessByRegisterNumber,
  listApiKeys,
  renewWebhookSecret,
  revokeApiKey,
} from './businesses.ts'
import { type CabinetPagesOptions, createCabinetContext } from './cabinet-context.ts'
import { registerCabinetDeletions } from './cabinet-deletions.ts'
import { registerPurposeForms } from './cabinet-purpose-form.ts'
import { cabinetTexts } from './cabinet-texts.ts'
import { purposeWords } from './purposes.ts'
import { issueRegistrationCertificate } from './registration-certificate.ts'

export type { CabinetPagesOptions } from './cabinet-context.ts'

/** The cabinet's pages: the companies, a company's registration, certificates and keys, and its forms. */
export function registerBusinessCabinet(app: OpenAPIHono, options: CabinetPagesOptions): void {
  const cx = createCabinetContext(options)
  const { platform, page, languageOf, requireCitizen, textOf, dateOf, representative, guardPost, approved } = cx
  const forms = registerPurposeForms(app, cx)
  registerCabinetDeletions(app, cx)

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

  app.get('/business/:number', async (c) => {
    const gate = await representative(c)
    if ('redirect' in gate) return gate.redirect
    if (!gate.business) return forms.registrationPage(c, gate.entity)
    return businessPage(c, gate.entity, gate.business)
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
        (
          purpose,
        ) => `<li><strong>${escapeHtml(purposeWords(purpose, language))}</strong> (<code>${escapeHtml(purpose.id)}</code>)
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
