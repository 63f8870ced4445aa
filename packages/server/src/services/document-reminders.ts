import { notifyCitizen, type Text3 } from '@polis/services'
import type { Platform } from '../platform/create-platform.ts'

/** How long before it expires a document's holder is told. */
const daysBefore = 30

type Due = Array<{ id: string; citizen_id: string; expires_on: string }>

/** The documents that expire and must be renewed, and how to find those expiring between two days. */
const sources: Array<{
  kind: string
  name: Text3
  due: (platform: Platform, from: string, to: string) => Promise<Due>
}> = [
  {
    kind: 'driver-licence',
    name: { uk: 'Посвідчення водія', en: 'Your driving licence', et: 'Teie juhiluba' },
    due: (p, from, to) =>
      p.store.db
        .selectFrom('driver_licences')
        .select(['id', 'citizen_id', 'expires_on'])
        .where('expires_on', '>=', from)
        .where('expires_on', '<=', to)
        .execute(),
  },
  {
    kind: 'vehicle-insurance',
    name: { uk: 'Поліс автоцивілки', en: 'Your motor insurance', et: 'Teie liikluskindlustus' },
    due: (p, from, to) =>
      p.store.db
        .selectFrom('motor_policies')
        .select(['id', 'holder_id as citizen_id', 'valid_to as expires_on'])
        .where('valid_to', '>=', from)
        .where('valid_to', '<=', to)
        .execute(),
  },
  {
    kind: 'residence-permit',
    name: { uk: 'Посвідка на проживання', en: 'Your residence permit', et: 'Teie elamisluba' },
    due: (p, from, to) =>
      p.store.db
        .selectFrom('residence_permits')
        .select(['id', 'citizen_id', 'expires_on'])
        .where('expires_on', '>=', from)
        .where('expires_on', '<=', to)
        .execute(),
  },
]

const locales = { uk: 'uk-UA', en: 'en-GB', et: 'et-EE' } as const

/**
 * Tells holders, 30 days ahead, that a driving licence, motor insurance or residence
 * permit expires: once per document and expiry date (a renewed document, with its new
 * date, is reminded again), in the inbox and by e-mail where the citizen asked for it.
 * Answers how many reminders went out.
 */
export async function remindExpiringDocuments(platform: Platform): Promise<number> {
  const { db } = platform.store
  const now = platform.now()
  const today = now.toISOString().slice(0, 10)
  const until = new Date(now.getTime() + daysBefore * 86_400_000).toISOString().slice(0, 10)
  let sent = 0
  for (const source of sources) {
    const rows = await source.due(platform, today, until)
    for (const row of rows) {
      const recorded = await db
        .insertInto('document_reminders')
        .values({ kind: source.kind, record_id: row.id, expires_on: row.expires_on, reminded_at: now.toISOString() })
        .onConflict((c) => c.columns(['kind', 'record_id', 'expires_on']).doNothing())
        .executeTakeFirst()
      if (Number(recorded.numInsertedOrUpdatedRows ?? 0) !== 1) continue
      const date = (language: keyof typeof locales) =>
        new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(row.expires_on),
        )
      const title: Text3 = source.name
      const body: Text3 = {
        uk: `${source.name.uk}: строк дії закінчується ${date('uk')}. Оновіть документ заздалегідь на порталі.`,
        en: `${source.name.en} expires on ${date('en')}. Renew it in good time on the portal.`,
        et: `${source.name.et} aegub ${date('et')}. Uuendage see aegsasti portaalis.`,
      }
      await notifyCitizen({ store: platform.store, now: platform.now }, row.citizen_id, null, title, body)
      sent += 1
    }
  }
  return sent
}
