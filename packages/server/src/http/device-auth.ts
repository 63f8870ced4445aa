import { type AuthenticatedDevice, authenticateDevice } from '@polis/identity'
import type { CompiledQuery } from '@polis/store'
import type { Context } from 'hono'
import type { Platform } from '../platform/create-platform.ts'

/**
 * Authenticates the wallet device that signed a request (`Authorization: PolisDevice
 * <jwt>`), answering a failure with the challenge the wallet understands. `write`: the
 * request's own write, made with the recording of its id (authenticateDevice).
 */
export function deviceAuthenticator(platform: Platform) {
  return async <Row = never>(c: Context, write?: (device: AuthenticatedDevice) => CompiledQuery<Row>) => {
    try {
      return await authenticateDevice<Row>({
        store: platform.store,
        authorization: c.req.header('authorization'),
        method: c.req.method,
        url: `${platform.publicUrl}${c.req.path}`,
        audience: platform.publicUrl,
        now: platform.now(),
        ...(write ? { write } : {}),
      })
    } catch (error) {
      c.header('www-authenticate', 'PolisDevice')
      throw error
    }
  }
}
