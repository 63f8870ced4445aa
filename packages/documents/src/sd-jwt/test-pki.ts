import type { PublicJwk, Sign } from '@polis/kernel'
import { createTestKey } from '@polis/trust/testing'

export { createTestPki } from '@polis/trust/testing'

/** A holder key pair: the public JWK for `cnf` and a Sign for key-binding JWTs. */
export function createTestHolder(): { jwk: PublicJwk; sign: Sign } {
  const key = createTestKey()
  return { jwk: key.publicJwk, sign: key.sign }
}
