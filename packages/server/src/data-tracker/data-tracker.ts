/**
 * The citizen's Data Tracker: every read of their data in the registers, newest first,
 * with who read it, which register and records, and why, as the access log holds it.
 * A read whose purpose names no service, document or platform function Polis knows is
 * flagged: the citizen is told, and can report it.
 */
import { findDocumentType } from '@polis/documents'
import { type Language, PolisError, type RegistryName, registryNames } from '@polis/kernel'
import type { ServiceDefinition } from '@polis/services'
import type { Store } from '@polis/store'
import { agencyNames, registryNamesIn } from './names.ts'

type Names = Record<Language, string>

/** One read as the citizen sees it. */
export interface TrackedAccess {
  id: string
  at: string
  registry: RegistryName
  kinds: string[]
  records: number
  purpose: string
  /** Who read it: the agency, or the platform's function. */
  who: Names
  /**
   * The system that read, as the exchange named the caller (`UA/GOV/migration-service/services`),
   * and in words; none for reads from before the exchange.
   */
  reader: string | null
  system: Names | null
  /** Why, in words: the service, the document, the sign-in. */
  why: Names
  /** No purpose Polis knows: the citizen is told. */
  flagged: boolean
  /** Its place in the transparency log, once there. */
  logIndex: number | null
}

/** What the citizen asks to see: a period (dates, inclusive), one register, only the flagged. */
export interface TrackerFilter {
  from?: string
  to?: string
  registry?: RegistryName
  flaggedOnly?: boolean
}

const platformNames = agencyNames['digital-ministry'] as Names
const officeNames: Names = { uk: 'Офіс посадовців', en: 'The officials’ office', et: 'Ametnike kontor' }
const unknownReader: Names = { uk: 'Невідомо хто', en: 'Unknown reader', et: 'Tundmatu lugeja' }
const noPurpose: Names = {
  uk: 'Без дійсної мети',
  en: 'No valid purpose given',
  et: 'Kehtivat eesmärki pole antud',
}
/** The platform's own reads, by purpose. */
const platformPurposes: Record<string, { who: Names; why: Names }> = {
  'offer:documents': {
    who: platformNames,
    why: {
      uk: 'Які документи може отримати ваш гаманець',
      en: 'Which documents your wallet can receive',
      et: 'Milliseid dokumente teie rahakott saab',
    },
  },
  'wallet:enrolment': {
    who: platformNames,
    why: {
      uk: 'Перевірка, хто ви, для нового гаманця',
      en: 'Checking who you are for a new wallet',
      et: 'Uue rahakoti jaoks teie isiku kontrollimine',
    },
  },
  'polis-id:login': {
    who: platformNames,
    why: { uk: 'Вхід через Polis ID', en: 'Signing you in with Polis ID', et: 'Sisselogimine Polis ID-ga' },
  },
  'polis-id:officials': {
    who: officeNames,
    why: { uk: 'Ваш обліковий запис посадовця', en: 'Your account as an official', et: 'Teie ametniku konto' },
  },
  'office:staff': {
    who: officeNames,
    why: { uk: 'Ваш обліковий запис посадовця', en: 'Your account as an official', et: 'Teie ametniku konto' },
  },
  'signatures:certificate': {
    who: platformNames,
    why: { uk: 'Ваш сертифікат для підпису', en: 'Your signing certificate', et: 'Teie allkirjastamise sertifikaat' },
  },
}

/** The reading systems of the exchange, in words, by subsystem code. */
const systemNames: Record<string, Names> = {
  services: { uk: 'Електронні послуги', en: 'E-services', et: 'E-teenused' },
  documents: { uk: 'Видача документів', en: 'Document issuing', et: 'Dokumentide väljastamine' },
  wallet: { uk: 'Гаманець', en: 'Wallet', et: 'Rahakott' },
  'polis-id': { uk: 'Polis ID', en: 'Polis ID', et: 'Polis ID' },
  office: officeNames,
  signatures: { uk: 'Електронний підпис', en: 'Digital signatures', et: 'Digiallkiri' },
  platform: { uk: 'Платформа', en: 'The platform', et: 'Platvorm' },
}

/**
 * Who read, as the exchange named the calling subsystem (`INSTANCE/CLASS/MEMBER/SYSTEM`):
 * the member's agency and the system in words; undefined when it names no agency Polis knows.
 */
export function describeReader(reader: string): { who: Names; system: Names } | undefined {
  const [, , member = '', system = ''] = reader.split('/')
  const who = agencyNames[member]
  if (!who) return undefined
  return { who, system: systemNames[system] ?? { uk: system, en: system, et: system } }
}

/** Who read and why, from the purpose the reader gave; flagged when Polis knows no such purpose. */
export function describePurpose(
  purpose: string,
  serviceOf: (code: string) => ServiceDefinition | undefined,
): { who: Names; why: Names; flagged: boolean } {
  const known = platformPurposes[purpose]
  if (known) return { ...known, flagged: false }
  const [kind, code = ''] = purpose.split(/:(.*)/s)
  if (kind === 'service') {
    const service = serviceOf(code)
    if (service) return { who: agencyNames[service.agency] ?? platformNames, why: service.name, flagged: false }
  }
  if (kind === 'issue') {
    const type = findDocumentType(code)
    if (type) {
      const why: Names = {
        uk: `Документ для гаманця: ${type.name.uk}`,
        en: `A document for your wallet: ${type.name.en}`,
        et: `Dokument rahakotti: ${type.name.et}`,
      }
      return { who: agencyNames[type.issuer] ?? platformNames, why, flagged: false }
    }
  }
  return { who: unknownReader, why: noPurpose, flagged: true }
}

/**
 * Who read and why: the reader the exchange named, else the one its purpose implies; the
 * purpose in words. Flagged when Polis knows no such purpose or no such reader.
 */
export function describeAccess(
  purpose: string,
  reader: string | null,
  serviceOf: (code: string) => ServiceDefinition | undefined,
) {
  const described = describePurpose(purpose, serviceOf)
  if (reader === null) return { ...described, reader, system: null }
  const named = describeReader(reader)
  if (!named) return { ...described, who: unknownReader, reader, system: null, flagged: true }
  return { ...described, who: named.who, reader, system: named.system }
}

/** A real day (not 30 February) written YYYY-MM-DD. */
const isDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const day = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value
}

/** The filter from a query string; ERR_BAD_REQUEST naming the field at fault (never its content). */
export function trackerFilterOf(query: Record<string, string | undefined>): TrackerFilter {
  const filter: TrackerFilter = {}
  for (const name of ['from', 'to'] as const) {
    const value = query[name]?.trim()
    if (!value) continue
    if (!isDate(value)) throw new PolisError('ERR_BAD_REQUEST', { detail: `${name}: a date, YYYY-MM-DD`, field: name })
    filter[name] = value
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'from is after to', field: 'to' })
  }
  const registry = query.registry?.trim()
  if (registry) {
    if (!(registryNames as readonly string[]).includes(registry)) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'registry: not a register', field: 'registry' })
    }
    filter.registry = registry as RegistryName
  }
  if (query.flagged === 'yes' || query.flagged === 'true') filter.flaggedOnly = true
  return filter
}

/** The citizen's tracked reads, newest first, at most `limit` (the flagged filter applied after reading). */
export async function readDataTracker(
  store: Store,
  options: {
    citizenId: string
    filter: TrackerFilter
    serviceOf: (code: string) => ServiceDefinition | undefined
    limit?: number
  },
): Promise<TrackedAccess[]> {
  const { filter } = options
  let query = store.db
    .selectFrom('data_access_log')
    .selectAll()
    .where('citizen_id', '=', options.citizenId)
    .orderBy('at', 'desc')
    .orderBy('id')
  if (filter.from) query = query.where('at', '>=', `${filter.from}T00:00:00.000Z`)
  if (filter.to) query = query.where('at', '<=', `${filter.to}T23:59:59.999Z`)
  if (filter.registry) query = query.where('registry', '=', filter.registry)
  const rows = await query.limit(options.limit ?? 500).execute()
  const entries = rows.map((row) => ({
    id: row.id,
    at: row.at,
    registry: row.registry as RegistryName,
    kinds: JSON.parse(row.kinds) as string[],
    records: Number(row.records),
    purpose: row.purpose,
    logIndex: row.log_index === null ? null : Number(row.log_index),
    ...describeAccess(row.purpose, row.reader, options.serviceOf),
  }))
  return filter.flaggedOnly ? entries.filter((e) => e.flagged) : entries
}

/**
 * Reads that follow one another with the same reader, register, records and purpose in
 * the same minute (a wallet receiving one document in three formats), shown once with
 * how many times.
 */
export function groupAccesses(entries: TrackedAccess[]): Array<TrackedAccess & { times: number }> {
  const grouped: Array<TrackedAccess & { times: number }> = []
  for (const entry of entries) {
    const last = grouped.at(-1)
    const same =
      last &&
      last.purpose === entry.purpose &&
      last.reader === entry.reader &&
      last.registry === entry.registry &&
      last.kinds.join() === entry.kinds.join() &&
      last.at.slice(0, 16) === entry.at.slice(0, 16)
    if (same) last.times++
    else grouped.push({ ...entry, times: 1 })
  }
  return grouped
}

/** The register's name in a language. */
export const registryName = (registry: RegistryName, language: Language) => registryNamesIn[registry][language]

/** The reads as CSV (RFC 4180), in the citizen's language, for their own records. */
export function trackerCsv(entries: TrackedAccess[], language: Language): string {
  const headings: Record<Language, string[]> = {
    uk: ['Коли', 'Хто', 'Реєстр', 'Записи', 'Скільки', 'Навіщо', 'Мета', 'Позначено'],
    en: ['When', 'Who', 'Register', 'Records', 'How many', 'Why', 'Purpose', 'Flagged'],
    et: ['Millal', 'Kes', 'Register', 'Kirjed', 'Mitu', 'Miks', 'Eesmärk', 'Märgitud'],
  }
  const cell = (value: string | number | boolean) => {
    // A cell a spreadsheet would take for a formula is read as text.
    const text = /^[=+\-@\t\r]/.test(String(value)) ? `'${value}` : String(value)
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  const lines = entries.map((e) =>
    [
      e.at,
      e.system ? `${e.who[language]} (${e.system[language]})` : e.who[language],
      registryName(e.registry, language),
      e.kinds.join(' '),
      e.records,
      e.why[language],
      e.purpose,
      e.flagged ? 'yes' : 'no',
    ]
      .map(cell)
      .join(','),
  )
  return `${[headings[language].map(cell).join(','), ...lines].join('\r\n')}\r\n`
}
