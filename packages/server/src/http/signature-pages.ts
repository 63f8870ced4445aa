import { randomBytes } from 'node:crypto'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { isPolisError, type Language, messageOf, PolisError } from '@polis/kernel'
import { type SignatureReport, verifySignature } from '@polis/signatures'
import { escapeHtml, renderServerPage } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie, setCookie } from 'hono/cookie'
import QRCode from 'qrcode'
import type { Platform } from '../platform/create-platform.ts'
import { certificateStatus } from '../signing/signing-certificates.ts'
import {
  createSigningRequest,
  findSigningRequestFor,
  type SignatureFormat,
  signatureFormats,
} from '../signing/signing-requests.ts'
import { rateLimit } from './rate-limit.ts'
import { download, readVerifyForm, signingRequestBodyBytes, verifyBodyBytes } from './signature-routes.ts'

export interface SignaturePagesOptions {
  platform: Platform
  log: (line: Record<string, unknown>) => void
  languageOf: (c: Context) => Language
}

/** The browser's own secret: only the browser that uploaded a document sees its request and result. */
const browserCookie = 'polis_sign'

const texts = {
  brand: { en: 'Signatures', uk: 'Підписи', et: 'Allkirjad' },
  signTitle: { en: 'Sign a document', uk: 'Підписати документ', et: 'Dokumendi allkirjastamine' },
  signIntro: {
    en: 'Choose a file. Your wallet signs it with the key on your phone; the file stays here for 15 minutes.',
    uk: 'Виберіть файл. Гаманець підпише його ключем на вашому телефоні; файл зберігається тут 15 хвилин.',
    et: 'Valige fail. Rahakott allkirjastab selle teie telefonis oleva võtmega; fail jääb siia 15 minutiks.',
  },
  file: {
    en: 'Document (PDF or any file, up to 10 MB)',
    uk: 'Документ (PDF або будь-який файл, до 10 МБ)',
    et: 'Dokument (PDF või muu fail, kuni 10 MB)',
  },
  format: { en: 'Signature format', uk: 'Формат підпису', et: 'Allkirja vorming' },
  formatAuto: {
    en: 'Automatic: inside a PDF (PAdES), otherwise a separate file (CAdES)',
    uk: 'Автоматично: у PDF (PAdES), інакше окремим файлом (CAdES)',
    et: 'Automaatne: PDF-i sees (PAdES), muidu eraldi failina (CAdES)',
  },
  formatCades: { en: 'Separate file, CAdES (.p7s)', uk: 'Окремий файл, CAdES (.p7s)', et: 'Eraldi fail, CAdES (.p7s)' },
  formatJades: {
    en: 'Separate file, JAdES (.json)',
    uk: 'Окремий файл, JAdES (.json)',
    et: 'Eraldi fail, JAdES (.json)',
  },
  signButton: { en: 'Sign with the wallet', uk: 'Підписати гаманцем', et: 'Allkirjasta rahakotiga' },
  checkLink: { en: 'Check a signature', uk: 'Перевірити підпис', et: 'Kontrolli allkirja' },
  signLink: { en: 'Sign a document', uk: 'Підписати документ', et: 'Allkirjasta dokument' },
  waitTitle: { en: 'Sign with your wallet', uk: 'Підпишіть гаманцем', et: 'Allkirjastage rahakotiga' },
  scan: {
    en: 'Scan this code with your phone’s camera, or open the wallet on this phone.',
    uk: 'Відскануйте код камерою телефона або відкрийте гаманець на цьому телефоні.',
    et: 'Skannige kood telefoni kaameraga või avage rahakott selles telefonis.',
  },
  qrAlt: { en: 'QR code that opens the wallet', uk: 'QR-код, що відкриває гаманець', et: 'Rahakoti avav QR-kood' },
  control: {
    en: 'Your wallet shows the same code. Sign only if the codes match.',
    uk: 'Гаманець покаже такий самий код. Підписуйте, лише якщо коди збігаються.',
    et: 'Rahakott näitab sama koodi. Allkirjastage ainult siis, kui koodid ühtivad.',
  },
  controlLabel: { en: 'Control code', uk: 'Контрольний код', et: 'Kontrollkood' },
  openWallet: {
    en: 'Open the wallet on this phone',
    uk: 'Відкрити гаманець на цьому телефоні',
    et: 'Ava rahakott selles telefonis',
  },
  waiting: { en: 'Waiting for your wallet…', uk: 'Очікуємо на гаманець…', et: 'Ootame rahakotti…' },
  signed: { en: 'Signed by', uk: 'Підписав(ла)', et: 'Allkirjastas' },
  declined: {
    en: 'You declined in the wallet.',
    uk: 'Ви відхилили підписання в гаманці.',
    et: 'Keeldusite rahakotis.',
  },
  expired: {
    en: 'This request has expired. Start again.',
    uk: 'Строк дії запиту минув. Почніть знову.',
    et: 'Taotlus on aegunud. Alustage uuesti.',
  },
  downloadSigned: {
    en: 'Download the signed file',
    uk: 'Завантажити підписаний файл',
    et: 'Laadi alla allkirjastatud fail',
  },
  verifyTitle: { en: 'Check a signature', uk: 'Перевірка підпису', et: 'Allkirja kontroll' },
  verifyIntro: {
    en: 'A signed PDF alone, or a file with its separate signature (.p7s or .json). Nothing is kept.',
    uk: 'Підписаний PDF окремо або файл разом з окремим підписом (.p7s чи .json). Нічого не зберігається.',
    et: 'Allkirjastatud PDF üksi või fail koos eraldi allkirjaga (.p7s või .json). Midagi ei salvestata.',
  },
  document: {
    en: 'Signed PDF, or the signed file',
    uk: 'Підписаний PDF або підписаний файл',
    et: 'Allkirjastatud PDF või allkirjastatud fail',
  },
  signatureFile: {
    en: 'Separate signature (.p7s or .json), if there is one',
    uk: 'Окремий підпис (.p7s або .json), якщо є',
    et: 'Eraldi allkiri (.p7s või .json), kui see on olemas',
  },
  checkButton: { en: 'Check', uk: 'Перевірити', et: 'Kontrolli' },
  valid: { en: 'The signature is valid', uk: 'Підпис дійсний', et: 'Allkiri kehtib' },
  invalid: { en: 'The signature is not valid', uk: 'Підпис недійсний', et: 'Allkiri ei kehti' },
  signer: { en: 'Signer', uk: 'Підписувач', et: 'Allkirjastaja' },
  identifier: { en: 'Identifier', uk: 'Ідентифікатор', et: 'Tunnus' },
  formatLevel: { en: 'Format', uk: 'Формат', et: 'Vorming' },
  timestamped: { en: 'Signed at (time-stamp)', uk: 'Час підпису (позначка часу)', et: 'Allkirjastatud (ajatempel)' },
  authority: { en: 'Time-stamping authority', uk: 'Центр позначок часу', et: 'Ajatempliteenus' },
  certificate: { en: 'Certificate', uk: 'Сертифікат', et: 'Sertifikaat' },
  good: { en: 'valid when signed', uk: 'чинний на момент підпису', et: 'kehtis allkirjastamisel' },
  revokedLater: {
    en: 'revoked later, on',
    uk: 'відкликаний пізніше,',
    et: 'tühistati hiljem,',
  },
  documentName: { en: 'Document', uk: 'Документ', et: 'Dokument' },
  reason: { en: 'Why', uk: 'Причина', et: 'Põhjus' },
  checkAnother: { en: 'Check another', uk: 'Перевірити інший', et: 'Kontrolli teist' },
  noCookie: {
    en: 'Your browser did not keep this page’s cookie. Allow cookies for this site and try again.',
    uk: 'Браузер не зберіг cookie цієї сторінки. Дозвольте cookie для сайту та спробуйте знову.',
    et: 'Brauser ei säilitanud selle lehe küpsist. Lubage küpsised ja proovige uuesti.',
  },
} satisfies Record<string, Record<Language, string>>

type TextKey = keyof typeof texts
const locales: Record<Language, string> = { en: 'en-GB', uk: 'uk-UA', et: 'et-EE' }

function contentSecurityPolicy(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`
}

/**
 * The portal's signing page and the public verification page: server-rendered, a
 * strict CSP with a nonce for the one polling script, in the browser's language.
 */
export function registerSignaturePages(app: OpenAPIHono, options: SignaturePagesOptions): void {
  const { platform, log, languageOf } = options
  const t = (language: Language, key: TextKey) => escapeHtml(texts[key][language])
  const when = (language: Language, iso: string) =>
    `${new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso))} UTC`

  const page = (c: Context, title: string, body: string, script?: string, status: 200 | 400 | 404 | 413 = 200) => {
    const nonce = randomBytes(16).toString('base64url')
    c.header('content-security-policy', contentSecurityPolicy(nonce))
    c.header('cache-control', 'no-store')
    c.header('referrer-policy', 'no-referrer')
    return c.html(
      renderServerPage({
        language: languageOf(c),
        brand: texts.brand[languageOf(c)],
        title,
        body,
        nonce,
        ...(script ? { script } : {}),
      }),
      status,
    )
  }

  const browserSecret = (c: Context): string | undefined => {
    const value = getCookie(c, browserCookie)
    return value && /^[A-Za-z0-9_-]{32,64}$/.test(value) ? value : undefined
  }

  const signForm = (c: Context, error?: PolisError) => {
    const language = languageOf(c)
    if (!browserSecret(c)) {
      setCookie(c, browserCookie, randomBytes(24).toString('base64url'), {
        path: '/signatures',
        httpOnly: true,
        sameSite: 'Lax',
        secure: platform.publicUrl.startsWith('https:'),
        maxAge: 86_400,
      })
    }
    const choice = (value: string, key: TextKey) =>
      `<label class="choice"><input type="radio" name="format" value="${value}"${value === '' ? ' checked' : ''}> ${t(language, key)}</label>`
    const body = `<h1>${t(language, 'signTitle')}</h1>
<p>${t(language, 'signIntro')}</p>
${error ? `<p class="bad" role="alert">${escapeHtml(messageOf(error.code, language))}</p>` : ''}
<form class="card" method="post" action="/signatures/requests" enctype="multipart/form-data">
  <label for="document">${t(language, 'file')}</label>
  <input id="document" name="document" type="file" required>
  <fieldset>
    <legend>${t(language, 'format')}</legend>
    ${choice('', 'formatAuto')}${choice('CAdES', 'formatCades')}${choice('JAdES', 'formatJades')}
  </fieldset>
  <button class="primary" type="submit">${t(language, 'signButton')}</button>
</form>
<p><a href="/signatures/verify">${t(language, 'checkLink')}</a></p>`
    return page(c, texts.signTitle[language], body, undefined, error ? (error.status === 413 ? 413 : 400) : 200)
  }

  app.get('/signatures', (c) => c.redirect('/signatures/', 301))
  app.get('/signatures/', (c) => signForm(c))

  app.use(
    '/signatures/requests',
    bodyLimit({ maxSize: signingRequestBodyBytes, onError: (c) => signForm(c, new PolisError('ERR_TOO_LARGE')) }),
  )
  app.use(
    '/signatures/requests',
    rateLimit({ store: platform.store, now: platform.now, name: 'signing-page', limit: 30, windowSeconds: 600, log }),
  )
  app.post('/signatures/requests', async (c) => {
    const secret = browserSecret(c)
    const language = languageOf(c)
    // A form posted from another site carries no cookie (SameSite=Lax): refused with the reason.
    if (!secret)
      return page(
        c,
        texts.signTitle[language],
        `<p class="bad" role="alert">${t(language, 'noCookie')}</p>`,
        undefined,
        400,
      )
    try {
      const form = await c.req.parseBody().catch(() => {
        throw new PolisError('ERR_MALFORMED', { detail: 'a multipart form is expected' })
      })
      const file = form.document
      if (!(file instanceof File) || file.size === 0) throw new PolisError('ERR_BAD_REQUEST', { detail: 'no file' })
      const format = signatureFormats.find((f) => f === form.format) as SignatureFormat | undefined
      const created = await createSigningRequest({
        platform,
        requester: { kind: 'portal', browserSecret: secret },
        document: {
          name: file.name,
          mediaType: file.type || 'application/octet-stream',
          bytes: new Uint8Array(await file.arrayBuffer()),
        },
        ...(format ? { format } : {}),
      })
      return c.redirect(`/signatures/requests/${created.id}`, 303)
    } catch (error) {
      if (isPolisError(error) && error.status < 500) return signForm(c, error)
      throw error
    }
  })

  const mine = async (c: Context) =>
    findSigningRequestFor({
      platform,
      id: c.req.param('id') as string,
      requester: { kind: 'portal', browserSecret: browserSecret(c) ?? '-' },
    })

  app.get('/signatures/requests/:id/status', async (c) => {
    const found = await mine(c)
    return c.json(
      {
        state: found.state,
        ...(found.signer ? { signer: found.signer } : {}),
        ...(found.signedAt ? { signedAt: found.signedAt } : {}),
      },
      200,
      { 'cache-control': 'no-store' },
    )
  })

  app.get('/signatures/requests/:id/result', async (c) => {
    const found = await mine(c)
    if (!found.result) throw new PolisError('ERR_NOT_FOUND', { detail: 'not signed' })
    return download(found.result)
  })

  app.get('/signatures/requests/:id', async (c) => {
    const language = languageOf(c)
    const found = await mine(c)
    const qr = await QRCode.toString([{ data: Buffer.from(found.walletUrl), mode: 'byte' }], {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    })
    const base = `/signatures/requests/${encodeURIComponent(found.id)}`
    const stateText =
      found.state === 'signed'
        ? `${t(language, 'signed')} ${escapeHtml(found.signer ?? '')}`
        : found.state === 'declined'
          ? t(language, 'declined')
          : found.state === 'expired'
            ? t(language, 'expired')
            : t(language, 'waiting')
    const body = `<h1>${t(language, 'waitTitle')}</h1>
<div class="card">
  <p><strong>${escapeHtml(found.document.name)}</strong> <span class="muted">(${escapeHtml(sizeOf(found.document.size))}, ${escapeHtml(found.format)})</span></p>
  <p>${t(language, 'scan')}</p>
  <img class="qr" alt="${t(language, 'qrAlt')}" src="data:image/svg+xml;base64,${Buffer.from(qr).toString('base64')}">
  <p class="muted" id="control-label">${t(language, 'controlLabel')}</p>
  <p class="code" aria-labelledby="control-label">${escapeHtml(found.controlCode)}</p>
  <p>${t(language, 'control')}</p>
  <a class="button secondary" href="${escapeHtml(found.walletUrl)}">${t(language, 'openWallet')}</a>
</div>
<p id="state" role="status" aria-live="polite">${stateText}</p>
<a id="download" class="button primary" href="${base}/result"${found.state === 'signed' ? '' : ' hidden'}>${t(language, 'downloadSigned')}</a>
<p><a href="/signatures/">${t(language, 'signLink')}</a> · <a href="/signatures/verify">${t(language, 'checkLink')}</a></p>`
    const script = `(() => {
  const state = document.getElementById('state'), download = document.getElementById('download')
  const words = ${JSON.stringify({ signed: texts.signed[language], declined: texts.declined[language], expired: texts.expired[language] })}
  const poll = async () => {
    try {
      const response = await fetch(${JSON.stringify(`${base}/status`)}, { cache: 'no-store' })
      const body = await response.json()
      if (body.state === 'signed') { state.textContent = words.signed + ' ' + (body.signer || ''); download.hidden = false; return }
      if (body.state === 'declined' || body.state === 'expired') { state.textContent = words[body.state]; return }
    } catch {}
    setTimeout(poll, 1000)
  }
  ${found.state === 'waiting' ? 'setTimeout(poll, 1000)' : ''}
})()`
    return page(c, texts.waitTitle[language], body, script)
  })

  const verifyForm = (c: Context, error?: PolisError) => {
    const language = languageOf(c)
    const body = `<h1>${t(language, 'verifyTitle')}</h1>
<p>${t(language, 'verifyIntro')}</p>
${error ? `<p class="bad" role="alert">${escapeHtml(messageOf(error.code, language))}</p>` : ''}
<form class="card" method="post" action="/signatures/verify" enctype="multipart/form-data">
  <label for="document">${t(language, 'document')}</label>
  <input id="document" name="document" type="file" required>
  <label for="signature">${t(language, 'signatureFile')}</label>
  <input id="signature" name="signature" type="file">
  <button class="primary" type="submit">${t(language, 'checkButton')}</button>
</form>
<p><a href="/signatures/">${t(language, 'signLink')}</a></p>`
    return page(c, texts.verifyTitle[language], body, undefined, error ? (error.status === 413 ? 413 : 400) : 200)
  }

  app.get('/signatures/verify', (c) => verifyForm(c))
  app.use(
    '/signatures/verify',
    bodyLimit({ maxSize: verifyBodyBytes, onError: (c) => verifyForm(c, new PolisError('ERR_TOO_LARGE')) }),
  )
  app.use(
    '/signatures/verify',
    rateLimit({
      store: platform.store,
      now: platform.now,
      name: 'signature-verify',
      limit: 60,
      windowSeconds: 60,
      log,
    }),
  )
  app.post('/signatures/verify', async (c) => {
    const language = languageOf(c)
    let report: SignatureReport
    try {
      const form = await readVerifyForm(c)
      report = await verifySignature({
        ...form,
        checkChain: platform.signing.checkChain,
        status: certificateStatus(platform),
        now: platform.now(),
      })
    } catch (error) {
      if (isPolisError(error) && error.status < 500) return verifyForm(c, error)
      throw error
    }
    const row = (key: TextKey, value: string | undefined) =>
      value ? `<dt>${t(language, key)}</dt><dd>${escapeHtml(value)}</dd>` : ''
    const certificate =
      report.certificateStatus === 'good'
        ? texts.good[language]
        : report.certificateStatus === 'revoked-later' && report.revokedAt
          ? `${texts.revokedLater[language]} ${when(language, report.revokedAt)}`
          : undefined
    const body = `<h1>${t(language, 'verifyTitle')}</h1>
<div class="card">
  <p class="${report.valid ? 'ok' : 'bad'}" role="status">${t(language, report.valid ? 'valid' : 'invalid')}</p>
  <dl>
    ${row('reason', report.error ? messageOf(report.error.code, language) : undefined)}
    ${row('signer', report.signer?.name)}
    ${row('identifier', report.signer?.identifier)}
    ${row('formatLevel', `${report.format}, ${report.level}`)}
    ${row('timestamped', report.timestampedAt ? when(language, report.timestampedAt) : undefined)}
    ${row('authority', report.timestampAuthority)}
    ${row('certificate', certificate)}
    ${row('documentName', report.documentName)}
  </dl>
</div>
<a class="button secondary" href="/signatures/verify">${t(language, 'checkAnother')}</a>`
    return page(c, texts.verifyTitle[language], body)
  })
}

function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
