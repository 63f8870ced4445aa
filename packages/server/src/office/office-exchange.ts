/**
 * The exchange's status for the officials of the agency that operates it (the digital
 * ministry): one card a security server with its traffic and faults per door, its copy of
 * the global configuration and its certificate, the providers it cannot reach, and the
 * servers that are stopped. What an X-Road operator reads on each server's diagnostics.
 */
import type { SecurityServerStatus } from '@polis/exchange'
import type { Language } from '@polis/kernel'
import { escapeHtml } from '@polis/ui/server-page'
import { platformOperator } from '../exchange/exchange-members.ts'

const texts = {
  en: {
    title: 'The data exchange',
    lead: 'Each security server of the exchange: the messages it carried and refused, how fresh its configuration and certificate are, and the providers it cannot reach.',
    stopped: 'Stopped: its registers cannot be read',
    consumer: 'Calls made for its systems',
    provider: 'Calls answered for its registers',
    messages: 'Messages',
    batches: 'batches',
    faults: 'faults',
    configuration: 'Configuration',
    serial: 'number {serial}, good until {until}',
    refreshed: 'last downloaded {at}',
    refreshFailed: 'the last download failed: {code}',
    noConfiguration: 'none in force',
    certificate: 'Certificate',
    certificateUntil: 'good until {until}',
    unreachable: 'Cannot reach',
    none: 'none',
  },
  uk: {
    title: 'Обмін даними',
    lead: 'Кожен сервер безпеки обміну: скільки повідомлень він передав і відхилив, наскільки свіжі його конфігурація та сертифікат, і до яких постачальників він не може достукатися.',
    stopped: 'Зупинено: його реєстри неможливо прочитати',
    consumer: 'Запити від його систем',
    provider: 'Відповіді з його реєстрів',
    messages: 'Повідомлення',
    batches: 'пакети',
    faults: 'помилки',
    configuration: 'Конфігурація',
    serial: 'номер {serial}, чинна до {until}',
    refreshed: 'востаннє завантажена {at}',
    refreshFailed: 'останнє завантаження не вдалося: {code}',
    noConfiguration: 'немає чинної',
    certificate: 'Сертифікат',
    certificateUntil: 'чинний до {until}',
    unreachable: 'Недоступні',
    none: 'немає',
  },
  et: {
    title: 'Andmevahetus',
    lead: 'Andmevahetuse iga turvaserver: mitu sõnumit see edastas ja keeldus, kui värsked on selle konfiguratsioon ja sertifikaat ning milliste teenusepakkujateni see ei ulatu.',
    stopped: 'Peatatud: selle registreid ei saa lugeda',
    consumer: 'Päringud selle süsteemidele',
    provider: 'Vastused selle registritest',
    messages: 'Sõnumid',
    batches: 'paketid',
    faults: 'vead',
    configuration: 'Konfiguratsioon',
    serial: 'number {serial}, kehtib kuni {until}',
    refreshed: 'viimati laaditud {at}',
    refreshFailed: 'viimane laadimine ebaõnnestus: {code}',
    noConfiguration: 'kehtivat pole',
    certificate: 'Sertifikaat',
    certificateUntil: 'kehtib kuni {until}',
    unreachable: 'Ei ulatu',
    none: 'pole',
  },
} satisfies Record<Language, Record<string, string>>

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))

/** Whether an official may read the exchange's status: one of the operating agency's. */
export const operatesExchange = (official: { agency: string }) => official.agency === platformOperator

export const exchangeTitle = (language: Language) => texts[language].title

export function exchangeNavLink(official: { agency: string }, language: Language): string {
  return operatesExchange(official) ? `<a href="/office/exchange">${texts[language].title}</a>` : ''
}

/** The page's body: a card a server, the stopped ones first, then the platform's own. */
export function exchangeStatusBody(options: {
  servers: SecurityServerStatus[]
  stopped: string[]
  language: Language
}): string {
  const { language } = options
  const t = texts[language]
  const when = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  })
  const at = (iso: string | undefined) => (iso ? when.format(new Date(iso)) : '')
  const traffic = (door: SecurityServerStatus['consumer']) => {
    const byCode = Object.entries(door.byCode)
      .map(([code, n]) => `<li><code>${escapeHtml(code)}</code>: ${n}</li>`)
      .join('')
    return `${t.messages}: ${door.messages} (${t.batches}: ${door.batches}), ${t.faults}: ${door.faults}${byCode ? `<ul>${byCode}</ul>` : ''}`
  }
  const stopped = options.stopped.map(
    (
      code,
    ) => `<section class="card" aria-labelledby="server-${escapeHtml(code)}"><h2 id="server-${escapeHtml(code)}">${escapeHtml(code)}</h2>
<p class="bad">${t.stopped}</p></section>`,
  )
  // The platform's own server first: every read goes through it.
  const ordered = [...options.servers].sort(
    (a, b) => Number(b.owner.endsWith(`/${platformOperator}`)) - Number(a.owner.endsWith(`/${platformOperator}`)),
  )
  const running = ordered.map((server) => {
    const { configuration } = server
    const held = configuration.serial
      ? `${escapeHtml(fill(t.serial, { serial: configuration.serial, until: at(configuration.expiresAt) }))}; ${escapeHtml(fill(t.refreshed, { at: at(configuration.refreshedAt) }))}`
      : t.noConfiguration
    const failed = configuration.lastError
      ? `<br><span class="bad">${escapeHtml(fill(t.refreshFailed, { code: configuration.lastError }))}</span>`
      : ''
    const circuits =
      server.openCircuits.length === 0
        ? t.none
        : `<ul>${server.openCircuits.map((c) => `<li class="bad">${escapeHtml(c.server)} (${escapeHtml(at(c.since))})</li>`).join('')}</ul>`
    const id = `server-${escapeHtml(server.serverCode)}`
    return `<section class="card" aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(server.serverCode)}</h2>
<p class="muted">${escapeHtml(server.owner)}</p>
<dl class="facts">
<dt>${t.consumer}</dt><dd>${traffic(server.consumer)}</dd>
<dt>${t.provider}</dt><dd>${traffic(server.provider)}</dd>
<dt>${t.configuration}</dt><dd>${held}${failed}</dd>
<dt>${t.certificate}</dt><dd>${escapeHtml(fill(t.certificateUntil, { until: at(server.certificateExpiresAt) }))}</dd>
<dt>${t.unreachable}</dt><dd>${circuits}</dd>
</dl></section>`
  })
  return `<h1>${t.title}</h1>
<p class="lead">${t.lead}</p>
${[...stopped, ...running].join('\n')}`
}
