import { p256Jwk, parseCompactJws, verifyEs256WithJwk } from '@polis/documents'
import { epochSeconds, PolisError } from '@polis/kernel'
import { type CompiledQuery, combineStatements, preparedQuery, type Store } from '@polis/store'

/** PostgreSQL's division by zero: a request's write stopped because its id was not recorded. */
const divisionByZero = '22012'

/** The JWT `typ` of a device-signed request. */
export const deviceJwtType = 'polis-device+jwt'
/** How far a device's `iat` may stray from the server's clock, either way. */
export const deviceClockSkewSeconds = 60

/** Each store's last sweep of spent request ids, by the platform's clock. */
const sweptAt = new WeakMap<Store, number>()
const sweepEveryMilliseconds = 60_000

/** Forgets request ids past their window, at most once a minute per process. */
async function sweepRequestIds(store: Store, now: Date): Promise<void> {
  const last = sweptAt.get(store)
  if (last !== undefined && Math.abs(now.getTime() - last) < sweepEveryMilliseconds) return
  sweptAt.set(store, now.getTime())
  await store.db.deleteFrom('device_request_ids').where('expires_at', '<', now.toISOString()).execute()
}

// The request id is recorded only while the device is not revoked: one round trip
// answers both "not revoked" and "never seen". On every request of a phone: prepared once.
const recordRequestId = preparedQuery((db, slot) =>
  db
    .insertInto('device_request_ids')
    .columns(['device_id', 'jti', 'expires_at'])
    .expression((eb) =>
      eb
        .selectFrom('wallet_devices')
        .select([
          eb.val(slot('deviceId')).as('device_id'),
          eb.val(slot('jti')).as('jti'),
          eb.val(slot('expiresAt')).as('expires_at'),
        ])
        .where('id', '=', slot('deviceId'))
        .where('revoked_at', 'is', null),
    )
    .onConflict((c) => c.columns(['device_id', 'jti']).doNothing())
    .returning('jti'),
)

/** What never changes of an enrolled device: its citizen and public key, remembered per store. */
const facts = new WeakMap<Store, Map<string, { id: string; citizen_id: string; jwk: ReturnType<typeof p256Jwk> }>>()
const maxFacts = 10_000

/**
 * A device's citizen and key, read once per process: they never change (a new key is a
 * new device). Whether it is revoked is asked at every request, with its request id.
 */
async function deviceFacts(store: Store, id: string) {
  let known = facts.get(store)
  if (!known) {
    known = new Map()
    facts.set(store, known)
  }
  const cached = known.get(id)
  if (cached) return cached
  const row = await store.db
    .selectFrom('wallet_devices')
    .select(['id', 'citizen_id', 'public_jwk'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const device = { id: row.id, citizen_id: row.citizen_id, jwk: p256Jwk(JSON.parse(row.public_jwk)) }
  if (known.size >= maxFacts) known.delete(known.keys().next().value as string)
  known.set(id, device)
  return device
}

/** The device a request is signed by, and its citizen. */
export interface AuthenticatedDevice {
  deviceId: string
  citizenId: string
}

/**
 * Authenticates a request signed by an enrolled device, in the manner of DPoP (RFC 9449
 * section 4.3): `Authorization: PolisDevice <jwt>`, the JWT ES256-signed by the device's
 * registered key, `typ` polis-device+jwt, `iss` the device id, `aud` this instance,
 * `htm`/`htu` this request, `iat` within a minute, and a `jti` never seen before, which
 * is recorded with a conditional insert so that a replay racing the original loses.
 * The signature is checked before anything is recorded or revealed, so a forger learns
 * nothing and burns nothing.
 *
 * `write`: the request's own write, given the device, made only if the request's id is
 * recorded, and on PostgreSQL in the same statement (the wallet's confirmation of a
 * sign-in is one round trip so): a replay or a revoked device fails the whole statement,
 * whatever the write's own conditions. It must return its rows (`returning`), which are
 * returned (on PostgreSQL as their JSON).
 */
export async function authenticateDevice<Row = never>(options: {
  store: Store
  authorization: string | undefined
  /** The request's method. */
  method: string
  /** The request's URL as the device sees it, without query or fragment. */
  url: string
  /** This instance's public origin. */
  audience: string
  now: Date
  write?: (device: AuthenticatedDevice) => CompiledQuery<Row>
}): Promise<AuthenticatedDevice & { written: Row[] }> {
  const { store, now } = options
  const match = /^PolisDevice ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(options.authorization ?? '')
  if (!match || (match[1] as string).length > 4096) throw new PolisError('ERR_DEVICE_AUTH')
  let jws: ReturnType<typeof parseCompactJws>
  try {
    jws = parseCompactJws(match[1] as string, 'device JWT')
  } catch (cause) {
    throw new PolisError('ERR_DEVICE_AUTH', { detail: 'unreadable device JWT', cause })
  }
  const { iss, aud, htm, htu, iat, jti } = jws.payload
  if (jws.header.typ !== deviceJwtType || typeof iss !== 'string' || iss.length > 64) {
    throw new PolisError('ERR_DEVICE_AUTH', { detail: 'not a device JWT' })
  }
  const device = await deviceFacts(store, iss)
  if (!device || !verifyEs256WithJwk(jws, device.jwk)) {
    throw new PolisError('ERR_DEVICE_AUTH', { detail: 'unknown device or bad signature' })
  }
  if (aud !== options.audience || htm !== options.method.toUpperCase() || htu !== options.url) {
    throw new PolisError('ERR_DEVICE_AUTH', { detail: 'signed for another request' })
  }
  const seconds = epochSeconds(now)
  if (typeof iat !== 'number' || Math.abs(seconds - iat) > deviceClockSkewSeconds) {
    throw new PolisError('ERR_DEVICE_AUTH_STALE')
  }
  if (typeof jti !== 'string' || jti.length < 16 || jti.length > 128) {
    throw new PolisError('ERR_DEVICE_AUTH', { detail: 'jti must be 16 to 128 characters' })
  }
  await sweepRequestIds(store, now)
  // Any iat still acceptable later lies within two skews of now, so the jti is kept that long.
  const expiresAt = new Date(now.getTime() + 2 * deviceClockSkewSeconds * 1000).toISOString()
  const authenticated = { deviceId: device.id, citizenId: device.citizen_id }
  const record = { deviceId: device.id, jti, expiresAt }
  let recorded: boolean
  let written: Row[] = []
  if (options.write && store.engine === 'postgres') {
    // One divided by the ids recorded: a statement whose id was not recorded fails whole.
    try {
      const [row] = (
        await store.db.executeQuery(
          combineStatements<{ written: Row[] | null }>(
            { recorded: recordRequestId(store.db).compile(record), written: options.write(authenticated) },
            'select 1 / (select count(*) from recorded) as recorded, (select json_agg(written) from written) as written',
          ),
        )
      ).rows
      recorded = true
      written = row?.written ?? []
    } catch (error) {
      if ((error as { code?: unknown }).code !== divisionByZero) throw error
      recorded = false
    }
  } else {
    recorded = (await recordRequestId(store.db).execute(record)).length === 1
    if (recorded && options.write) written = (await store.db.executeQuery(options.write(authenticated))).rows
  }
  if (!recorded) {
    const now = await store.db
      .selectFrom('wallet_devices')
      .select('revoked_at')
      .where('id', '=', device.id)
      .executeTakeFirst()
    if (!now || now.revoked_at !== null) throw new PolisError('ERR_DEVICE_REVOKED')
    throw new PolisError('ERR_DEVICE_AUTH_REPLAYED')
  }
  return { ...authenticated, written }
}
