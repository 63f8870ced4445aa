import { generateKeyPairSync } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { publicKeyFromJwk } from '@polis/documents'
import { PolisError, type PublicJwk } from '@polis/kernel'
import { createIssuer } from '../issuance/create-issuer.ts'
import { createPlatform } from '../platform/create-platform.ts'
import type { Command } from './command.ts'
import { readJsonObject } from './read-input.ts'

export const issueCommand: Command = {
  summary: 'Issue a document of a citizen as a credential and print it',
  usage:
    'polis issue --citizen ID --type TYPE [--format dc+sd-jwt|mso_mdoc] [--holder-jwk FILE] [--record ID] [--json]\n' +
    '  Without --holder-jwk a new holder key is made and its private JWK written to holder-key.jwk.',
  async run({ args, config }) {
    const { values } = parseArgs({
      args,
      options: {
        citizen: { type: 'string' },
        type: { type: 'string' },
        format: { type: 'string', default: 'dc+sd-jwt' },
        'holder-jwk': { type: 'string' },
        record: { type: 'string' },
        json: { type: 'boolean' },
      },
    })
    if (!values.citizen || !values.type) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: '--citizen and --type are required' })
    }
    if (values.format !== 'dc+sd-jwt' && values.format !== 'mso_mdoc') {
      throw new PolisError('ERR_BAD_REQUEST', { detail: '--format must be dc+sd-jwt or mso_mdoc' })
    }
    let holderKey: PublicJwk
    if (values['holder-jwk']) {
      const jwk = readJsonObject(values['holder-jwk'])
      publicKeyFromJwk(jwk)
      holderKey = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } as PublicJwk
    } else {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      writeFileSync('holder-key.jwk', `${JSON.stringify(privateKey.export({ format: 'jwk' }))}\n`, { mode: 0o600 })
      holderKey = publicKey.export({ format: 'jwk' }) as PublicJwk
      console.error('A new holder key was written to holder-key.jwk (use it with `polis present --holder-key`).')
    }
    const platform = await createPlatform({ config })
    try {
      const issued = await createIssuer(platform).issue({
        citizenId: values.citizen,
        documentType: values.type,
        format: values.format,
        holderKey,
        recordId: values.record,
      })
      if (values.json) {
        console.log(JSON.stringify({ ...issued, expiresAt: issued.expiresAt.toISOString() }, null, 2))
      } else {
        console.log(issued.credential)
      }
      return 0
    } finally {
      await platform.close()
    }
  },
}
