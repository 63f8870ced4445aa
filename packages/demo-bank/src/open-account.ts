/**
 * The DEMO BANK as a relying party: it opens an account with the ID card's name, birth
 * date, tax number and address, asked through the Polis verifier API (docs/sharing.md)
 * with the bank's API key, as any business would, over HTTP only.
 */
import type { Language } from '@polis/kernel'
import { z } from 'zod'
import { escapeHtml, renderBankPage } from './render-bank-page.ts'

/** The ID card claims an account needs: the purpose `open-account` registers exactly these. */
export const accountClaims = ['family_name', 'given_name', 'birth_date', 'tax_number', 'resident_address'] as const

/** Where the bank reaches the verifier API and how it authenticates. */
export interface VerifierApiClient {
  /** The Polis instance's origin. */
  polisUrl: string
  /** `pk_<id>.<secret>`, from `polis businesses approve` or `key`. */
  apiKey: string
  fetch?: (input: string, init?: RequestInit) => Promise<Response>
}

/** A request the bank made: what the page shows to start the citizen's wallet. */
export const AccountRequest = z.object({
  id: z.string(),
  link: z.string().startsWith('openid4vp://'),
  qr_svg: z.string().startsWith('<svg'),
  expires_at: z.string(),
})
export type AccountRequest = z.infer<typeof AccountRequest>

/** The verified applicant: only what the bank asked, as the verifier API vouched for it. */
export interface Applicant {
  familyName: string
  givenName: string
  birthDate: string
  taxNumber: string
  address: string
  /** Who issued the ID card, from the verification evidence. */
  issuer: string
}

/** Where an account opening stands. */
export type AccountOpening =
  | { status: 'pending' | 'expired' }
  | { status: 'refused'; code: string }
  | { status: 'verified'; applicant: Applicant }

const ApiError = z.object({ error: z.object({ code: z.string() }) })
const Polled = z.discriminatedUnion('status', [
  z.object({ status: z.enum(['pending', 'expired']) }),
  z.object({ status: z.literal('refused'), error: z.object({ code: z.string() }) }),
  z.object({
    status: z.literal('verified'),
    result: z.object({
      credentials: z
        .array(
          z.object({
            claims: z.object({
              family_name: z.string(),
              given_name: z.string(),
              birth_date: z.string(),
              tax_number: z.string(),
              resident_address: z.string(),
            }),
            evidence: z.object({ issuer: z.string() }),
          }),
        )
        .length(1),
    }),
  }),
])

async function call(client: VerifierApiClient, path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await (client.fetch ?? fetch)(`${client.polisUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${client.apiKey}`, 'content-type': 'application/json' },
  })
  const body: unknown = await response.json()
  if (!response.ok) {
    const parsed = ApiError.safeParse(body)
    throw new Error(`verifier API: ${parsed.success ? parsed.data.error.code : response.status}`)
  }
  return body
}

/** Asks the citizen, through the verifier API, for the ID card claims an account needs. */
export async function askForAccount(client: VerifierApiClient): Promise<AccountRequest> {
  const vct = `${client.polisUrl}/vct/id-card`
  const body = {
    purpose: 'open-account',
    dcql_query: {
      credentials: [
        {
          id: 'id_card',
          format: 'dc+sd-jwt',
          meta: { vct_values: [vct] },
          claims: accountClaims.map((c) => ({ path: [c] })),
        },
      ],
    },
  }
  return AccountRequest.parse(
    await call(client, '/api/verifier/requests', { method: 'POST', body: JSON.stringify(body) }),
  )
}

/** Polls an account request; a verified one gives the applicant. */
export async function readAccountOpening(client: VerifierApiClient, id: string): Promise<AccountOpening> {
  const polled = Polled.parse(await call(client, `/api/verifier/requests/${encodeURIComponent(id)}`))
  if (polled.status === 'refused') return { status: 'refused', code: polled.error.code }
  if (polled.status !== 'verified') return { status: polled.status }
  const [credential] = polled.result.credentials
  if (!credential) return { status: 'refused', code: 'ERR_DCQL_UNSATISFIED' }
  const { claims } = credential
  return {
    status: 'verified',
    applicant: {
      familyName: claims.family_name,
      givenName: claims.given_name,
      birthDate: claims.birth_date,
      taxNumber: claims.tax_number,
      address: claims.resident_address,
      issuer: credential.evidence.issuer,
    },
  }
}

const texts = {
  en: {
    title: 'Open an account',
    scan: 'Scan this code with your Polis wallet, or open the link on this phone. We ask for your name, birth date, tax number and address from your ID card, to open an account.',
    open: 'Open in the wallet',
    waiting: 'Waiting for your wallet…',
    verified: 'Verified by Polis',
    refused: 'Not opened',
    declined: 'You declined to share your documents, so the account was not opened.',
    expired: 'The request has expired. Start again.',
    intro: 'Open an account in a minute with the documents in your Polis wallet: no branch visit, no photocopies.',
    start: 'Open an account',
    again: 'Start again',
    unavailable:
      'The bank cannot ask for documents yet: it is not registered and approved for sharing on this Polis instance.',
    fields: ['Family name', 'Given name', 'Birth date', 'Tax number', 'Address', 'ID card issued by'],
  },
  uk: {
    title: 'Відкрити рахунок',
    scan: 'Скануйте цей код гаманцем Polis або відкрийте посилання на цьому телефоні. Ми просимо ваші ім’я, дату народження, податковий номер і адресу з ID-картки, щоб відкрити рахунок.',
    open: 'Відкрити в гаманці',
    waiting: 'Чекаємо на ваш гаманець…',
    verified: 'Перевірено Polis',
    refused: 'Не відкрито',
    declined: 'Ви відмовилися поділитися документами, тож рахунок не відкрито.',
    expired: 'Час запиту минув. Почніть знову.',
    intro: 'Відкрийте рахунок за хвилину з документами у вашому гаманці Polis: без відділення й без копій.',
    start: 'Відкрити рахунок',
    again: 'Почати знову',
    unavailable:
      'Банк ще не може просити документи: його не зареєстровано й не погоджено для обміну в цьому екземплярі Polis.',
    fields: ['Прізвище', 'Ім’я', 'Дата народження', 'Податковий номер', 'Адреса', 'ID-картку видав'],
  },
  et: {
    title: 'Ava konto',
    scan: 'Skaneeri see kood Polise rahakotiga või ava link selles telefonis. Küsime konto avamiseks isikutunnistuselt su nime, sünniaega, maksunumbrit ja aadressi.',
    open: 'Ava rahakotis',
    waiting: 'Ootame su rahakotti…',
    verified: 'Polis kontrollis',
    refused: 'Ei avatud',
    declined: 'Sa keeldusid dokumente jagamast, seega kontot ei avatud.',
    expired: 'Päring aegus. Alusta uuesti.',
    intro: 'Ava konto minutiga oma Polise rahakoti dokumentidega: ilma kontorisse minemata ja koopiateta.',
    start: 'Ava konto',
    again: 'Alusta uuesti',
    unavailable:
      'Pank ei saa veel dokumente küsida: see pole selles Polise instantsis jagamiseks registreeritud ega kinnitatud.',
    fields: ['Perekonnanimi', 'Eesnimi', 'Sünniaeg', 'Maksunumber', 'Aadress', 'Isikutunnistuse väljaandja'],
  },
} satisfies Record<Language, unknown>

/**
 * The account page: the QR and link while the request is open (the page reloads itself
 * each second, no script), then the verified applicant, or why not.
 */
export function renderAccountPage(options: {
  language: Language
  mountPath: string
  request: AccountRequest
  opening: AccountOpening
  /** Link of each language version of this page, for the language switch. */
  languageHref?: (language: Language) => string
}): { html: string; refresh: boolean } {
  const t = texts[options.language]
  const { opening } = options
  let main: string
  if (opening.status === 'pending') {
    main = `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.scan)}</p>
<figure class="qr">${options.request.qr_svg}</figure>
<p><a class="button" href="${escapeHtml(options.request.link)}">${escapeHtml(t.open)}</a></p>
<p role="status">${escapeHtml(t.waiting)}</p>`
  } else if (opening.status === 'verified') {
    const a = opening.applicant
    const values = [a.familyName, a.givenName, a.birthDate, a.taxNumber, a.address, a.issuer]
    const rows = t.fields.map((label, i) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(values[i] ?? '')}</dd>`)
    main = `<h1>${escapeHtml(t.title)}</h1>
<p role="status"><strong>${escapeHtml(t.verified)}</strong></p>
<dl>${rows.join('')}</dl>`
  } else {
    const why =
      opening.status !== 'refused'
        ? t.expired
        : opening.code === 'ERR_HOLDER_DECLINED'
          ? t.declined
          : `${t.refused} (${opening.code})`
    main = `<h1>${escapeHtml(t.title)}</h1>
<p role="alert">${escapeHtml(why)}</p>
<p><a class="button" href="${escapeHtml(options.mountPath)}/account?lang=${options.language}">${escapeHtml(t.again)}</a></p>`
  }
  return {
    html: renderBankPage({
      language: options.language,
      mountPath: options.mountPath,
      title: t.title,
      languageHref: options.languageHref,
      main,
    }),
    refresh: opening.status === 'pending',
  }
}

/**
 * The account opening's first page: what the bank will ask, and the button that asks
 * (a form, so that no request is made by merely loading a page); or, on an instance where
 * the bank is not an approved business yet, why it cannot.
 */
export function renderAccountStartPage(options: { language: Language; mountPath: string; available: boolean }): string {
  const t = texts[options.language]
  const main = options.available
    ? `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
<form method="post" action="${escapeHtml(options.mountPath)}/account?lang=${options.language}">
<button type="submit" class="button">${escapeHtml(t.start)}</button>
</form>`
    : `<h1>${escapeHtml(t.title)}</h1>\n<p role="alert">${escapeHtml(t.unavailable)}</p>`
  return renderBankPage({
    language: options.language,
    mountPath: options.mountPath,
    title: t.title,
    languageHref: (language) => `${options.mountPath}/account?lang=${language}`,
    main,
  })
}
