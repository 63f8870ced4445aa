import { authenticateDevice } from '@polis/identity'
import type { Context } from 'hono'
import type { Platform } from '../platform/create-platform.ts'

/**
 * Authenticates the wallet device that signed a request (`Authorization: PolisDevice
 * <jwt>`), answering a failure with the challenge the wallet understands.
 */
export function deviceAuthenticator(platform: Platform) {
  return async (c: Context) => {
    try {
      return await authenticateDevice({
        store: platform.store,
        authorization: c.req.header('authorization'),
        method: c.req.method,
        url: `${platform.publicUrl}${c.req.path}`,
        audience: platform.publicUrl,
        now: platform.now(),
      })
    } catch (error) {
      c.header('www-authenticate', 'PolisDevice')
      throw error
    }
  }
}
