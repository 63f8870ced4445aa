import { p256Jwk, parseCompactJws, verifyEs256WithJwk } from '@polis/documents'
import { epochSeconds, PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'

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
 */
export async function authenticateDevice(options: {
  store: Store
  authorization: string | undefined
  /** The request's method. */
  method: string
  /** The request's URL as the device sees it, without query or fragment. */
  url: string
  /** This instance's public origin. */
  audience: string
  now: Date
}): Promise<AuthenticatedDevice> {
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
  const device = await store.db
    .selectFrom('wallet_devices')
    .select(['id', 'citizen_id', 'public_jwk', 'revoked_at'])
    .where('id', '=', iss)
    .executeTakeFirst()
  if (!device || !verifyEs256WithJwk(jws, p256Jwk(JSON.parse(device.public_jwk)))) {
    throw new PolisError('ERR_DEVICE_AUTH', { detail: 'unknown device or bad signature' })
  }
  if (device.revoked_at !== null) throw new PolisError('ERR_DEVICE_REVOKED')
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
  const recorded = await store.db
    .insertInto('device_request_ids')
    .values({ device_id: device.id, jti, expires_at: expiresAt })
    .onConflict((c) => c.columns(['device_id', 'jti']).doNothing())
    .returning('jti')
    .executeTakeFirst()
  if (!recorded) throw new PolisError('ERR_DEVICE_AUTH_REPLAYED')
  return { deviceId: device.id, citizenId: device.citizen_id }
}
