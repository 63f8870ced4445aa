import { randomUUID } from 'node:crypto'
import { signCompactJws } from '@polis/documents'
import { epochSeconds, type Sign } from '@polis/kernel'

/**
 * The `Authorization: PolisDevice` JWT of a wallet request, as the wallet signs it:
 * the device, the instance, the method and URL, the time and a fresh id.
 */
export function deviceJwt(options: {
  device: { id: string; key: { sign: Sign } }
  origin: string
  method: string
  path: string
  now: Date
  claims?: Record<string, unknown>
}): Promise<string> {
  return signCompactJws({
    header: { alg: 'ES256', typ: 'polis-device+jwt' },
    payload: {
      iss: options.device.id,
      aud: options.origin,
      htm: options.method,
      htu: `${options.origin}${options.path}`,
      iat: epochSeconds(options.now),
      jti: randomUUID(),
      ...options.claims,
    },
    sign: options.device.key.sign,
  })
}
