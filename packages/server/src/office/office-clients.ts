/**
 * Polis ID's clients in the office: an `administrator` lists the sites that sign citizens
 * in with Polis ID, registers one for an agency or a business (redirect URIs, its public
 * keys or a secret shown once, the data it may receive and its purpose in three
 * languages) and revokes one with a reason. The records are `registerClient` and
 * `revokeClient`, as `polis clients` makes them.
 */
import { randomBytes } from 'node:crypto'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { type Language, PolisError } from '@polis/kernel'
import {
  type ClientField,
  type ClientProblems,
  type ClientRecord,
  checkClientRegistration,
  claimLabels,
  claimsOfScopes,
  findClient,
  listClients,
  type PolisScope,
  polisIdPath,
  registerClient,
  revokeClient,
} from '@polis/polis-id'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { type ClientText, clientTexts } from './office-clients-texts.ts'
import { type Desk, type OfficePageKit, officeDate, officeWords } from './office-page-kit.ts'

const role = 'administrator'

/** The data a site may ask for from the office; `office` (officials' roles) stays with the platform's own. */
const offeredScopes = ['profile', 'tax_number', 'address'] as const satisfies readonly PolisScope[]

const languages = ['uk', 'en', 'et'] as const

/** The form as the official filled it, kept to show again with its problems. */
interface ClientForm {
  name: string
  purpose: Record<Language, string>
  redirectUris: string
  postLogoutRedirectUris: string
  scopes: string[]
  jwks: string
  /** The form's own id, made when it is shown: sent twice, it registers one client. */
  submission: string
}

const emptyForm: ClientForm = {
  name: '',
  purpose: { uk: '', en: '', et: '' },
  redirectUris: '',
  postLogoutRedirectUris: '',
  scopes: ['profile'],
  jwks: '',
  submission: '',
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)

/** The office's link to these pages, for administrators. */
export function clientsNavLink(official: Desk, language: Language): string {
  return official.roles.includes(role) ? `<a href="/office/clients">${clientTexts[language].title}</a>` : ''
}

export function registerOfficeClients(
  app: OpenAPIHono,
  options: OfficePageKit & { log: (line: Record<string, unknown>) => void },
): void {
  const { platform, officialOf, page, languageOf, sameOrigin, log } = options
  const textOf = officeWords(clientTexts, languageOf)
  const dateOf = (c: Context, iso: string) => officeDate(languageOf(c), iso)
  const issuer = `${platform.publicUrl}${polisIdPath}`

  /** The signed-in administrator, or the page saying why not. */
  const gate = async (c: Context) => {
    const official = await officialOf(c)
    if (!official) return { response: c.redirect(`/office/login?return=${encodeURIComponent(c.req.path)}`, 303) }
    if (!official.roles.includes(role)) {
      const t = textOf(c)
      return { response: page(c, t('title'), `<h1>${t('title')}</h1><p>${t('notAllowed')}</p>`, official, 403) }
    }
    return { official }
  }

  const errorSummary = (c: Context, problems: Array<[string, ClientText]>) =>
    problems.length === 0
      ? ''
      : `<div class="error-summary" role="alert" tabindex="-1"><h2>${textOf(c)('errorSummary')}</h2><ul>${problems
          .map(([anchor, text]) => `<li><a href="#${anchor}">${textOf(c)(text)}</a></li>`)
          .join('')}</ul></div>`

  /** Where a field's problem is said, and the control the summary's link leads to. */
  const anchorOf = (field: ClientField) =>
    field === 'purpose' ? 'purpose-uk' : field === 'scopes' ? 'scope-profile' : field

  const formPage = (c: Context, official: Desk, form: ClientForm, problems: ClientProblems) => {
    const t = textOf(c)
    const language = languageOf(c)
    const wrong = (field: ClientField) =>
      problems[field] ? `<p class="field-error" id="${field}-error">${t(`problem.${field}`)}</p>` : ''
    const described = (field: ClientField, hint: boolean) =>
      [hint ? `${field}-hint` : '', problems[field] ? `${field}-error` : ''].filter(Boolean).join(' ')
    const control = (field: 'name' | 'redirectUris' | 'postLogoutRedirectUris' | 'jwks', hint: ClientText) => {
      const ids = described(field, true)
      const invalid = problems[field] ? ' aria-invalid="true"' : ''
      const value = escapeHtml(form[field])
      const input =
        field === 'name'
          ? `<input id="name" name="name" type="text" maxlength="100" value="${value}" aria-describedby="${ids}"${invalid}>`
          : `<textarea id="${field}" name="${field}" rows="${field === 'jwks' ? 6 : 3}" spellcheck="false" autocapitalize="off" aria-describedby="${ids}"${invalid}>${value}</textarea>`
      return `<div class="field${problems[field] ? ' has-error' : ''}"><label for="${field}">${t(field)}</label>
<p class="hint" id="${field}-hint">${t(hint)}</p>
${wrong(field)}
${input}</div>`
    }
    const purposeInputs = languages
      .map(
        (lang) =>
          `<label for="purpose-${lang}">${t(`purpose.${lang}`)}</label>
<input id="purpose-${lang}" name="purpose-${lang}" type="text" lang="${lang}" maxlength="300" value="${escapeHtml(form.purpose[lang])}"${problems.purpose && !form.purpose[lang].trim() ? ' aria-invalid="true"' : ''}>`,
      )
      .join('\n')
    const scopeChoices = offeredScopes
      .map((scope) => {
        const claims = claimsOfScopes([scope]).map((claim) => claimLabels[claim]?.[language] ?? claim)
        return `<label class="choice"><input type="checkbox" id="scope-${scope}" name="scopes" value="${scope}"${form.scopes.includes(scope) ? ' checked' : ''}> ${escapeHtml(claims.join(', '))}</label>`
      })
      .join('\n')
    const body = `<a class="back" href="/office/clients">${t('back')}</a>
<h1>${t('register')}</h1>
${errorSummary(
  c,
  (Object.keys(problems) as ClientField[]).map((field) => [anchorOf(field), `problem.${field}` as ClientText]),
)}
<form method="post" action="/office/clients" novalidate>
<input type="hidden" name="submission" value="${escapeHtml(form.submission)}">
${control('name', 'nameHint')}
<fieldset class="field${problems.purpose ? ' has-error' : ''}" aria-describedby="${described('purpose', true)}"><legend>${t('purpose')}</legend>
<p class="hint" id="purpose-hint">${t('purposeHint')}</p>
${wrong('purpose')}
${purposeInputs}
</fieldset>
${control('redirectUris', 'redirectUrisHint')}
${control('postLogoutRedirectUris', 'postLogoutRedirectUrisHint')}
<fieldset class="field${problems.scopes ? ' has-error' : ''}" aria-describedby="${described('scopes', true)}"><legend>${t('scopes')}</legend>
<p class="hint" id="scopes-hint">${t('scopesHint')}</p>
${wrong('scopes')}
${scopeChoices}
</fieldset>
${control('jwks', 'jwksHint')}
<button class="primary" type="submit">${t('submit')}</button>
</form>`
    return page(c, clientTexts[language].register, body, official, Object.keys(problems).length > 0 ? 400 : 200)
  }

  const whoOf = (c: Context, by: string | null) =>
    by === 'operator' || by === 'platform'
      ? textOf(c)(`by.${by}`)
      : by?.startsWith('official:')
        ? textOf(c)('by.official', { id: by.slice('official:'.length) })
        : '—'

  const clientPage = async (
    c: Context,
    official: Desk,
    client: ClientRecord,
    revoking: { reasonWrong: boolean; reason: string } = { reasonWrong: false, reason: '' },
  ) => {
    const { reasonWrong } = revoking
    const t = textOf(c)
    const language = languageOf(c)
    const list = (items: string[]) =>
      items.length === 0 ? '—' : `<ul>${items.map((item) => `<li><code>${escapeHtml(item)}</code></li>`).join('')}</ul>`
    const claims = claimsOfScopes(client.scopes).map((claim) => escapeHtml(claimLabels[claim]?.[language] ?? claim))
    const revokeForm = client.revokedAt
      ? ''
      : client.platformOwn
        ? `<p>${t('platformOwnLead')}</p>`
        : `<h2>${t('revokeHeading')}</h2>
<p>${t('revokeLead')}</p>
<form method="post" action="/office/clients/${encodeURIComponent(client.clientId)}/revoke" novalidate>
<div class="field${reasonWrong ? ' has-error' : ''}"><label for="reason">${t('reason')}</label>
${reasonWrong ? `<p class="field-error" id="reason-error">${t('problem.reason')}</p>` : ''}
<textarea id="reason" name="reason" rows="3"${reasonWrong ? ' aria-describedby="reason-error" aria-invalid="true"' : ''}>${escapeHtml(revoking.reason)}</textarea></div>
<button class="secondary" type="submit">${t('revoke', { name: client.name })}</button>
</form>`
    const body = `<a class="back" href="/office/clients">${t('back')}</a>
<h1>${escapeHtml(client.name)}</h1>
${reasonWrong ? errorSummary(c, [['reason', 'problem.reason']]) : ''}
<dl>
<dt>${t('clientId')}</dt><dd><code>${escapeHtml(client.clientId)}</code></dd>
<dt>${t('state')}</dt><dd><span class="tag">${t(client.revokedAt ? 'state.revoked' : 'state.live')}</span>${client.platformOwn ? ` ${t('platformOwn')}` : ''}</dd>
<dt>${t('purposeShown')}</dt><dd><ul>${languages.map((lang) => `<li lang="${lang}">${escapeHtml(client.purpose[lang])}</li>`).join('')}</ul></dd>
<dt>${t('redirectUris')}</dt><dd>${list(client.redirectUris)}</dd>
<dt>${t('afterSignOut')}</dt><dd>${list(client.postLogoutRedirectUris)}</dd>
<dt>${t('scopes')}</dt><dd>${claims.join(', ')}</dd>
<dt>${t('authentication')}</dt><dd><code>${client.tokenEndpointAuthMethod}</code></dd>
${client.keyIds.length > 0 ? `<dt>${t('keys')}</dt><dd>${list(client.keyIds.map((kid) => kid || '—'))}</dd>` : ''}
<dt>${t('registeredAt')}</dt><dd>${dateOf(c, client.createdAt)}</dd>
<dt>${t('registeredBy')}</dt><dd>${whoOf(c, client.registeredBy)}</dd>
${
  client.revokedAt
    ? `<dt>${t('revokedAt')}</dt><dd>${dateOf(c, client.revokedAt)}</dd>
<dt>${t('revokedBy')}</dt><dd>${whoOf(c, client.revokedBy)}</dd>
<dt>${t('reasonGiven')}</dt><dd>${escapeHtml(client.revocationReason ?? '—')}</dd>`
    : ''
}
</dl>
${revokeForm}`
    return page(c, client.name, body, official, reasonWrong ? 400 : 200)
  }

  app.get('/office/clients', async (c) => {
    const at = await gate(c)
    if ('response' in at) return at.response
    const t = textOf(c)
    const all = await listClients(platform.store)
    const item = (client: ClientRecord) =>
      `<li><a href="/office/clients/${encodeURIComponent(client.clientId)}">${escapeHtml(client.name)}</a>${client.platformOwn ? ` <span class="tag">${t('platformOwn')}</span>` : ''}<br><code>${escapeHtml(client.clientId)}</code> · ${dateOf(c, client.revokedAt ?? client.createdAt)}</li>`
    const live = all.filter((client) => !client.revokedAt)
    const revoked = all.filter((client) => client.revokedAt)
    const body = `<h1>${t('title')}</h1>
<p>${t('lead')}</p>
<a class="button primary start" href="/office/clients/new">${t('register')}</a>
<h2>${t('live')}</h2>
${live.length === 0 ? `<p>${t('noLive')}</p>` : `<ul class="clients">${live.map(item).join('')}</ul>`}
${revoked.length > 0 ? `<h2>${t('revoked')}</h2><ul class="clients">${revoked.map(item).join('')}</ul>` : ''}`
    return page(c, clientTexts[languageOf(c)].title, body, at.official)
  })

  app.get('/office/clients/new', async (c) => {
    const at = await gate(c)
    if ('response' in at) return at.response
    return formPage(c, at.official, { ...emptyForm, submission: randomBytes(16).toString('base64url') }, {})
  })

  app.post('/office/clients', async (c) => {
    sameOrigin(c)
    const at = await gate(c)
    if ('response' in at) return at.response
    const body = await c.req.parseBody({ all: true })
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
    const form: ClientForm = {
      name: text('name'),
      purpose: { uk: text('purpose-uk'), en: text('purpose-en'), et: text('purpose-et') },
      redirectUris: text('redirectUris'),
      postLogoutRedirectUris: text('postLogoutRedirectUris'),
      scopes: [body.scopes ?? []].flat().filter((value): value is string => typeof value === 'string'),
      jwks: text('jwks'),
      // A form without its own id (not the office's) still registers, once.
      submission: /^[\w-]{22}$/.test(text('submission')) ? text('submission') : randomBytes(16).toString('base64url'),
    }
    const problems: ClientProblems = {}
    if (form.scopes.some((scope) => !(offeredScopes as readonly string[]).includes(scope)))
      problems.scopes = 'not offered'
    let jwks: unknown
    if (form.jwks.trim()) {
      try {
        jwks = JSON.parse(form.jwks)
      } catch {
        problems.jwks = 'not JSON'
      }
    }
    const registration = {
      name: form.name,
      purpose: form.purpose,
      redirectUris: lines(form.redirectUris),
      postLogoutRedirectUris: lines(form.postLogoutRedirectUris),
      scopes: ['openid', ...form.scopes],
      ...(jwks === undefined ? {} : { jwks }),
    }
    const checked = checkClientRegistration(registration)
    if (!checked.ok || Object.keys(problems).length > 0) {
      const found = { ...(checked.ok ? {} : checked.problems), ...problems }
      // Refused keys are not sent back: what was pasted may be a private key.
      return formPage(c, at.official, found.jwks ? { ...form, jwks: '' } : form, found)
    }
    const client = await registerClient({
      store: platform.store,
      sealer: platform.keys,
      now: platform.now(),
      registeredBy: `official:${at.official.id}`,
      registration: checked.client,
      submissionId: `office:${form.submission}`,
    })
    if (client.again) {
      const t = textOf(c)
      const body = `<h1>${t('registeredAgain', { name: client.name })}</h1>
<p>${t('registeredAgainLead')}</p>
<a class="button secondary start" href="/office/clients/${encodeURIComponent(client.clientId)}">${t('seeClient')}</a>`
      return page(c, clientTexts[languageOf(c)].title, body, at.official)
    }
    log({
      level: 'info',
      component: 'office',
      event: 'client_registered',
      clientId: client.clientId,
      method: client.tokenEndpointAuthMethod,
    })
    const t = textOf(c)
    const done = `<h1>${t('registered', { name: client.name })}</h1>
<p>${t('registeredLead')}</p>
<dl>
<dt>${t('clientId')}</dt><dd><code id="client-id">${escapeHtml(client.clientId)}</code></dd>
${client.clientSecret ? `<dt>${t('secret')}</dt><dd><code id="client-secret">${escapeHtml(client.clientSecret)}</code></dd>` : ''}
<dt>${t('authentication')}</dt><dd><code>${client.tokenEndpointAuthMethod}</code></dd>
<dt>${t('issuer')}</dt><dd><code>${escapeHtml(issuer)}</code></dd>
<dt>${t('discovery')}</dt><dd><code>${escapeHtml(`${issuer}/.well-known/openid-configuration`)}</code></dd>
</dl>
${client.clientSecret ? `<p class="notice"><strong>${t('secretOnce')}</strong></p>` : ''}
<a class="button secondary start" href="/office/clients/${encodeURIComponent(client.clientId)}">${t('seeClient')}</a>`
    return page(
      c,
      clientTexts[languageOf(c)].registered.replace('{name}', () => client.name),
      done,
      at.official,
    )
  })

  app.get('/office/clients/:id', async (c) => {
    const at = await gate(c)
    if ('response' in at) return at.response
    const client = await findClient(platform.store, c.req.param('id'))
    if (!client) {
      const t = textOf(c)
      return page(c, t('title'), `<h1>${t('title')}</h1><p>${t('notFound')}</p>`, at.official, 404)
    }
    return clientPage(c, at.official, client)
  })

  app.post('/office/clients/:id/revoke', async (c) => {
    sameOrigin(c)
    const at = await gate(c)
    if ('response' in at) return at.response
    const client = await findClient(platform.store, c.req.param('id'))
    if (!client) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such client' })
    const form = await c.req.parseBody()
    const reason = typeof form.reason === 'string' ? form.reason : ''
    try {
      const outcome = await revokeClient(platform.store, {
        clientId: client.clientId,
        by: `official:${at.official.id}`,
        reason,
        now: platform.now(),
      })
      if (outcome === 'revoked') {
        log({ level: 'info', component: 'office', event: 'client_revoked', clientId: client.clientId })
      }
    } catch (error) {
      if (error instanceof PolisError && error.field === 'reason') {
        return clientPage(c, at.official, client, { reasonWrong: true, reason })
      }
      throw error
    }
    return c.redirect(`/office/clients/${encodeURIComponent(client.clientId)}`, 303)
  })
}
