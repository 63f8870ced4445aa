import { type Language, PolisError } from '@polis/kernel'
import { listRepresentedEntities } from '@polis/registries'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { pageLocales } from '../http/page-language.ts'
import { countAttempt } from '../http/rate-limit.ts'
import type { Platform } from '../platform/create-platform.ts'
import { type Business, findBusinessByRegisterNumber } from './businesses.ts'
import { type CabinetText, cabinetTexts } from './cabinet-texts.ts'

/** What the portal lends the cabinet: its page frame, sign-in, language and origin check. */
export interface CabinetPagesOptions {
  platform: Platform
  languageOf: (c: Context) => Language
  page: (c: Context, title: string, body: string, status?: 200 | 400 | 404 | 409 | 422) => Promise<Response>
  requireCitizen: (c: Context) => Promise<{ redirect: Response } | { citizenId: string }>
  sameOrigin: (c: Context) => void
  log: (line: Record<string, unknown>) => void
}

/**
 * What every page of the cabinet uses: its texts and dates in the reader's language, the
 * gate (the signed-in citizen must be a representative of the company in the path), the
 * guard on every change, and the check that the company is approved.
 */
export function createCabinetContext(options: CabinetPagesOptions) {
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

  return { platform, page, languageOf, requireCitizen, textOf, dateOf, representative, guardPost, approved }
}
export type CabinetContext = ReturnType<typeof createCabinetContext>
