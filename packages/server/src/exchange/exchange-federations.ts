/**
 * Exchange federation, as X-Road's instances federate (Estonia–Finland): this instance's
 * security servers hold, beside its own global configuration, the configurations of the
 * instances an operator federated with, each pinned to that instance's central registry's
 * anchor (its instance and public key, agreed out of band). The platform downloads each
 * from its URL (the other instance's `/exchange/globalconf`), checks it against the anchor
 * (signature, instance, expiry; an older serial is a rollback) and keeps the last good one
 * in the store; the servers read it from there, check it again, and use it until it expires.
 * Rights for another instance's clients name each client (`exchange_federated_rights`).
 */
import { randomUUID } from 'node:crypto'
import {
  type AccessRight,
  type ConfigurationAnchor,
  createGlobalConfigurationClient,
  type GlobalConfigurationClient,
  isIdentifierPart,
  parseClientId,
  parseServiceId,
  verifyGlobalConfiguration,
} from '@polis/exchange'
import { isPolisError, PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import { calculateJwkThumbprint, type JWK } from 'jose'
import { z } from 'zod'

/** How another instance's material is fetched: global `fetch`, or a test's. */
export type FetchText = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>

/** An instance's anchor as it publishes it (`/exchange/anchor`) and an operator hands it over. */
export const ExchangeAnchor = z
  .object({
    instance: z.string().refine(isIdentifierPart, 'an instance identifier'),
    publicKey: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }).loose(),
  })
  .strict()
export type ExchangeAnchor = z.infer<typeof ExchangeAnchor>

/** The anchor's fingerprint: the RFC 7638 thumbprint (SHA-256, base64url) of its key, read out between operators. */
export const anchorFingerprint = (anchor: ExchangeAnchor) => calculateJwkThumbprint(anchor.publicKey as JWK, 'sha256')

async function download(fetchText: FetchText, url: string): Promise<string> {
  let response: Awaited<ReturnType<FetchText>>
  try {
    response = await fetchText(url)
  } catch (cause) {
    throw new PolisError('ERR_EXCHANGE_CENTRAL_UNREACHABLE', { detail: url, cause })
  }
  if (!response.ok) throw new PolisError('ERR_EXCHANGE_CENTRAL_UNREACHABLE', { detail: `${url}: ${response.status}` })
  return response.text()
}

/**
 * Federates with another instance: its anchor given (a file's content) or fetched beside
 * its configuration and checked against the fingerprint agreed; its configuration
 * downloaded and checked against the anchor. Nothing is kept when either check fails.
 */
export async function addExchangeFederation(
  store: Store,
  options: {
    instance: string
    url: string
    anchor?: unknown
    anchorSha256?: string
    fetchText: FetchText
    now: Date
  },
): Promise<{ instance: string; serial: number; expiresAt: string; members: number }> {
  let anchor: ExchangeAnchor
  if (options.anchor !== undefined) {
    const parsed = ExchangeAnchor.safeParse(options.anchor)
    if (!parsed.success) throw new PolisError('ERR_EXCHANGE_CONF_INVALID', { detail: 'anchor' })
    anchor = parsed.data
  } else if (options.anchorSha256) {
    const text = await download(options.fetchText, new URL('/exchange/anchor', options.url).href)
    const parsed = ExchangeAnchor.safeParse(JSON.parse(text))
    if (!parsed.success) throw new PolisError('ERR_EXCHANGE_CONF_INVALID', { detail: 'anchor' })
    anchor = parsed.data
    if ((await anchorFingerprint(anchor)) !== options.anchorSha256) {
      throw new PolisError('ERR_EXCHANGE_CONF_SIGNATURE', { detail: `${options.instance}: not the anchor agreed` })
    }
  } else {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'an anchor or its fingerprint' })
  }
  if (anchor.instance !== options.instance) {
    throw new PolisError('ERR_EXCHANGE_CONF_SIGNATURE', { detail: `the anchor is ${anchor.instance}'s` })
  }
  const signed = await download(options.fetchText, options.url)
  const configuration = await verifyGlobalConfiguration(signed, anchor, options.now)
  const at = options.now.toISOString()
  const row = {
    url: options.url,
    anchor_jwk: JSON.stringify(anchor.publicKey),
    configuration: signed,
    serial: configuration.serial,
    expires_at: configuration.expiresAt,
    fetched_at: at,
    checked_at: at,
    last_error: null,
  }
  await store.db
    .insertInto('exchange_federations')
    .values({ instance: anchor.instance, added_at: at, ...row })
    .onConflict((c) => c.column('instance').doUpdateSet(row))
    .execute()
  return {
    instance: anchor.instance,
    serial: configuration.serial,
    expiresAt: configuration.expiresAt,
    members: configuration.members.length,
  }
}

/** The federated instances and the state of each one's configuration held. */
export async function listExchangeFederations(store: Store) {
  const rows = await store.db.selectFrom('exchange_federations').selectAll().orderBy('instance').execute()
  return rows.map((row) => ({
    instance: row.instance,
    url: row.url,
    serial: row.serial ?? undefined,
    expiresAt: row.expires_at ?? undefined,
    fetchedAt: row.fetched_at ?? undefined,
    checkedAt: row.checked_at ?? undefined,
    lastError: row.last_error ?? undefined,
  }))
}

/**
 * Downloads every federated configuration again: one that checks out against its anchor
 * and is not older than the one held replaces it; one that does not is refused (its code
 * kept), and the one held stays in use until it expires.
 */
export async function refreshExchangeFederations(store: Store, options: { fetchText: FetchText; now: Date }) {
  const rows = await store.db.selectFrom('exchange_federations').selectAll().execute()
  const at = options.now.toISOString()
  return Promise.all(
    rows.map(async (row) => {
      try {
        const signed = await download(options.fetchText, row.url)
        const configuration = await verifyGlobalConfiguration(signed, anchorOfRow(row), options.now)
        if (row.serial !== null && configuration.serial < row.serial) {
          throw new PolisError('ERR_EXCHANGE_CONF_ROLLBACK')
        }
        await store.db
          .updateTable('exchange_federations')
          .set({
            configuration: signed,
            serial: configuration.serial,
            expires_at: configuration.expiresAt,
            fetched_at: at,
            checked_at: at,
            last_error: null,
          })
          .where('instance', '=', row.instance)
          .execute()
        return { instance: row.instance, ok: true as const, serial: configuration.serial }
      } catch (error) {
        const code = isPolisError(error) ? error.code : 'ERR_EXCHANGE_CENTRAL_UNREACHABLE'
        await store.db
          .updateTable('exchange_federations')
          .set({ checked_at: at, last_error: code })
          .where('instance', '=', row.instance)
          .execute()
        return { instance: row.instance, ok: false as const, error: code }
      }
    }),
  )
}

function anchorOfRow(row: { instance: string; anchor_jwk: string }): ConfigurationAnchor {
  return { instance: row.instance, publicKey: JSON.parse(row.anchor_jwk) as JWK }
}

/**
 * A security server's copies of the federated configurations: one per federated
 * instance, each downloaded from the store (where the platform keeps the last good one)
 * and checked against its anchor again. `refresh` picks up instances added since.
 */
export function federatedConfigurations(store: Store, now: () => Date) {
  const clients = new Map<string, GlobalConfigurationClient>()
  return {
    clients: () => [...clients.values()],
    async refresh() {
      const rows = await store.db.selectFrom('exchange_federations').select(['instance', 'anchor_jwk']).execute()
      for (const row of rows) {
        if (clients.has(row.instance)) continue
        clients.set(
          row.instance,
          createGlobalConfigurationClient({
            anchor: anchorOfRow(row),
            download: async () => {
              const held = await store.db
                .selectFrom('exchange_federations')
                .select('configuration')
                .where('instance', '=', row.instance)
                .executeTakeFirst()
              if (!held?.configuration) throw new PolisError('ERR_EXCHANGE_CENTRAL_UNREACHABLE')
              return held.configuration
            },
            now,
          }),
        )
      }
      await Promise.all([...clients.values()].map((client) => client.refresh()))
    },
  }
}

/** Grants one own service to one client of a federated instance, for one endpoint or all (`*`, `**`). */
export async function grantFederatedRight(
  store: Store,
  options: { client: string; service: string; method: string; path: string; now: Date },
) {
  parseClientId(options.client)
  parseServiceId(options.service)
  await store.db
    .insertInto('exchange_federated_rights')
    .values({
      id: randomUUID(),
      client: options.client,
      service: options.service,
      method: options.method.toUpperCase(),
      path: options.path,
      granted_at: options.now.toISOString(),
    })
    .execute()
}

/** Withdraws what was granted to one foreign client on one service (every endpoint); answers how many rights went. */
export async function revokeFederatedRight(store: Store, options: { client: string; service: string }) {
  const deleted = await store.db
    .deleteFrom('exchange_federated_rights')
    .where('client', '=', options.client)
    .where('service', '=', options.service)
    .executeTakeFirst()
  return Number(deleted.numDeletedRows)
}

/** The rights granted to federated instances' clients, for the services of this instance. */
export async function federatedRights(store: Store, instance: string): Promise<AccessRight[]> {
  const rows = await store.db.selectFrom('exchange_federated_rights').selectAll().execute()
  return rows
    .map((row) => ({
      service: parseServiceId(row.service),
      endpoint: { method: row.method, path: row.path },
      to: { client: row.client },
    }))
    .filter((right) => right.service.instance === instance)
}
