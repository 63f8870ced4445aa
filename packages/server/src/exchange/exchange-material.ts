/**
 * The exchange's keys and certificates, made on first start and kept in the database:
 * the central registry's signing key, the exchange CA, each member's signing key (sealed
 * in the key store like every other key), and each security server's TLS certificate and
 * key (sealed). The central registry's publications of the global configuration are kept
 * too, each with a serial one above the last.
 */
import { X509Certificate } from 'node:crypto'
import {
  createExchangeCa,
  type ExchangeCa,
  type GlobalConfigurationInput,
  issueServerTls,
  type ServerTls,
  signGlobalConfiguration,
} from '@polis/exchange'
import { registryNames } from '@polis/kernel'
import type { ServiceDefinition } from '@polis/services'
import type { DatabaseKeyStore, Store } from '@polis/store'
import { exportJWK, type JWK } from 'jose'
import { membersOf, serverPlans } from './exchange-members.ts'

const caKeyId = 'exchange.ca'
const caCertificateKey = 'exchange.ca.certificate'
export const centralKeyId = 'exchange.central'
export const memberKeyId = (agency: string) => `exchange.member.${agency}`
const tlsKey = (server: string) => `exchange.tls.${server}`
const dayMs = 86_400_000

async function readMeta(store: Store, key: string) {
  const row = await store.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst()
  return row?.value
}
async function writeMeta(store: Store, key: string, value: string) {
  await store.db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((c) => c.column('key').doUpdateSet({ value }))
    .execute()
}

/** A key of the key store, made when missing; another process making it at once wins. */
async function ensureKey(keys: DatabaseKeyStore, id: string) {
  if (await keys.findPublicKey(id)) return
  try {
    await keys.generate(id)
  } catch (error) {
    if (!(await keys.findPublicKey(id))) throw error
  }
}

/** The exchange CA, from the database, or made (ten years) on first start. */
async function exchangeCa(store: Store, keys: DatabaseKeyStore, instance: string): Promise<ExchangeCa> {
  const pem = await readMeta(store, caCertificateKey)
  await ensureKey(keys, caKeyId)
  const pair = { privateKey: await keys.privateCryptoKey(caKeyId), publicKey: await keys.publicCryptoKey(caKeyId) }
  if (pem) return { certificatePem: pem, keys: pair }
  // TLS checks validity against the machine's clock, not the platform's: the CA's dates are real ones.
  const made = await createExchangeCa({ instance, notBefore: new Date(Date.now() - dayMs), years: 10, keys: pair })
  await writeMeta(store, caCertificateKey, made.certificatePem)
  return made
}

/**
 * Each security server's TLS identity, issued by the exchange CA and reissued when it is
 * within a week of its end (against the machine's clock, which TLS checks it by).
 */
async function serverTls(store: Store, keys: DatabaseKeyStore, ca: ExchangeCa, owner: string, code: string) {
  const sealed = await readMeta(store, tlsKey(code))
  if (sealed) {
    const held = JSON.parse(keys.unseal(sealed, tlsKey(code))) as ServerTls
    if (Date.parse(new X509Certificate(held.certificatePem).validTo) - Date.now() > 7 * dayMs) return held
  }
  const issued = await issueServerTls(ca, {
    owner,
    serverCode: code,
    hosts: ['127.0.0.1', 'localhost'],
    notBefore: new Date(Date.now() - dayMs),
    days: 365,
  })
  await writeMeta(store, tlsKey(code), keys.seal(JSON.stringify(issued), tlsKey(code)))
  return issued
}

/** Everything a security server of this instance needs that the database keeps. */
export interface ExchangeMaterial {
  instance: string
  caPem: string
  /** Each server's TLS identity, by code. */
  tls: Record<string, ServerTls>
  /** Each member's public signing key, by agency code. */
  memberJwks: Record<string, JWK>
  centralJwk: JWK
}

/** Makes what is missing, and answers all of it. */
export async function prepareExchangeMaterial(options: {
  store: Store
  keys: DatabaseKeyStore
  instance: string
  definitions: readonly ServiceDefinition[]
}): Promise<ExchangeMaterial> {
  const { store, keys, instance } = options
  const ca = await exchangeCa(store, keys, instance)
  await ensureKey(keys, centralKeyId)
  const tls: Record<string, ServerTls> = {}
  for (const plan of serverPlans())
    tls[plan.code] = await serverTls(store, keys, ca, `${instance}/GOV/${plan.owner}`, plan.code)
  const memberJwks: Record<string, JWK> = {}
  for (const member of membersOf(instance, options.definitions)) {
    await ensureKey(keys, memberKeyId(member.code))
    memberJwks[member.code] = await exportJWK(await keys.publicCryptoKey(memberKeyId(member.code)))
  }
  return {
    instance,
    caPem: ca.certificatePem,
    tls,
    memberJwks,
    centralJwk: await exportJWK(await keys.publicCryptoKey(centralKeyId)),
  }
}

/** How long a publication is good for; the central registry publishes again well before. */
export const configurationValidityMs = 30 * dayMs

/**
 * The central registry publishes the global configuration: the members, the security
 * servers at their addresses (loopback ports here) with their certificates' hashes and the
 * subsystems each serves, signed, with the next serial.
 */
export async function publishConfiguration(options: {
  store: Store
  keys: DatabaseKeyStore
  material: ExchangeMaterial
  definitions: readonly ServiceDefinition[]
  ports: Record<string, number>
  centralAddress: string
  /** Whose servers these are: a process's own exchange reads only its own publications. */
  publisher: string
  now: Date
}): Promise<string> {
  const { store, material, now } = options
  const members = membersOf(material.instance, options.definitions)
  // The platform's server hosts every system that reads (an agency's services and documents, the platform's own).
  const readers = members.flatMap((member) =>
    member.clientIds.filter((id) => !(registryNames as readonly string[]).includes(id.split('/')[3] as string)),
  )
  const configuration: GlobalConfigurationInput = {
    instance: material.instance,
    serial: 1,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + configurationValidityMs).toISOString(),
    centralServer: { address: options.centralAddress },
    exchangeCas: [material.caPem],
    members: members.map((member) => ({
      memberClass: 'GOV' as const,
      memberCode: member.code,
      name: member.name,
      subsystems: member.subsystems,
      signingKeys: [material.memberJwks[member.code] as JWK & { kty: 'EC'; crv: 'P-256'; x: string; y: string }],
    })),
    securityServers: serverPlans().map((plan) => ({
      owner: { memberClass: 'GOV' as const, memberCode: plan.owner },
      serverCode: plan.code,
      address: `https://127.0.0.1:${options.ports[plan.code]}`,
      tlsCertificateSha256: (material.tls[plan.code] as ServerTls).sha256,
      clients:
        plan.registries.length > 0
          ? plan.registries.map((registry) => `${material.instance}/GOV/${plan.owner}/${registry}`)
          : readers,
    })),
    globalGroups: [],
  }
  const central = await options.keys.privateCryptoKey(centralKeyId)
  // The next serial; two processes publishing at once: the second retries above the first.
  for (let attempt = 0; ; attempt++) {
    const last = await store.db
      .selectFrom('exchange_configurations')
      .select((eb) => eb.fn.max('serial').as('serial'))
      .executeTakeFirst()
    configuration.serial = Number(last?.serial ?? 0) + 1
    const signed = await signGlobalConfiguration(configuration, central)
    try {
      // Publications long past their end serve no server: dropped as new ones come.
      await store.db
        .deleteFrom('exchange_configurations')
        .where('expires_at', '<', new Date(now.getTime() - 86_400_000).toISOString())
        .execute()
      await store.db
        .insertInto('exchange_configurations')
        .values({
          serial: configuration.serial,
          publisher: options.publisher,
          signed,
          issued_at: configuration.issuedAt,
          expires_at: configuration.expiresAt,
        })
        .execute()
      return signed
    } catch (error) {
      if (attempt >= 3) throw error
    }
  }
}

/** The latest publication for a publisher's servers, as they download it; the latest of all when none is named. */
export async function latestConfiguration(store: Store, publisher?: string): Promise<string> {
  let query = store.db.selectFrom('exchange_configurations').select('signed')
  if (publisher) query = query.where('publisher', '=', publisher)
  const row = await query.orderBy('serial', 'desc').limit(1).executeTakeFirst()
  if (!row) throw new Error('no global configuration published')
  return row.signed
}
