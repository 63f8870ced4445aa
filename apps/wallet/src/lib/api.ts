import { signJwt } from './device-key.ts'
import type { DeviceRecord } from './wallet-store.ts'

/** An API failure with the server's stable code, for the screens to explain. */
export class ApiError extends Error {
  readonly code: string
  readonly status: number
  /** The whole body the server answered with, for errors that carry more (the fields of a refused form). */
  readonly body: unknown
  constructor(code: string, status: number, message: string, body?: unknown) {
    super(message)
    this.code = code
    this.status = status
    this.body = body
  }
}

async function failure(response: Response): Promise<ApiError> {
  const whole: unknown = await response.json().catch(() => ({}))
  const body = whole as {
    error?: string | { code?: string; message?: string }
    polis_code?: string
    error_description?: string
  }
  const code = typeof body.error === 'object' ? body.error.code : (body.polis_code ?? body.error)
  const message = typeof body.error === 'object' ? body.error.message : body.error_description
  return new ApiError(code ?? 'ERR_INTERNAL', response.status, message ?? response.statusText, whole)
}

/** JSON from an endpoint, or an ApiError. */
export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  // Errors come back in the language the citizen chose, which the document element carries.
  const headers = { 'accept-language': document.documentElement.lang || 'uk', ...init.headers }
  const response = await fetch(url, { ...init, headers })
  if (!response.ok) throw await failure(response)
  return (await response.json()) as T
}

/**
 * How far this phone's clock is from the server's, learnt from the server's `Date` when it
 * refused a device signature as dated wrongly: a phone set minutes off still gets through.
 */
let clockOffsetMs = 0

/**
 * A request signed by the device key, the way the server expects device requests:
 * a fresh single-use JWT naming the method and URL, so a captured one cannot be replayed.
 * Refused as dated wrongly (`ERR_DEVICE_AUTH_STALE`), it is signed again once on the
 * server's time, as RFC 9449 lets a server correct a client's clock.
 */
export async function deviceFetch<T>(device: DeviceRecord, path: string, init: RequestInit = {}): Promise<T> {
  const url = new URL(path, location.origin)
  const method = (init.method ?? 'GET').toUpperCase()
  const send = async () => {
    const proof = await signJwt(
      device.keys.privateKey,
      { typ: 'polis-device+jwt' },
      {
        iss: device.deviceId,
        aud: location.origin,
        htm: method,
        htu: `${url.origin}${url.pathname}`,
        iat: Math.floor((Date.now() + clockOffsetMs) / 1000),
        jti: crypto.randomUUID(),
      },
    )
    return fetch(url.href, {
      ...init,
      method,
      headers: {
        'accept-language': document.documentElement.lang || 'uk',
        ...init.headers,
        authorization: `PolisDevice ${proof}`,
      },
    })
  }
  let response = await send()
  if (response.status === 401) {
    const refusal = await failure(response.clone())
    const serverTime = Date.parse(response.headers.get('date') ?? '')
    if (refusal.code === 'ERR_DEVICE_AUTH_STALE' && Number.isFinite(serverTime)) {
      clockOffsetMs = serverTime - Date.now()
      response = await send()
    }
  }
  if (!response.ok) throw await failure(response)
  return (await response.json()) as T
}
