import { parseArgs } from 'node:util'
import { PolisError } from '@polis/kernel'
import { createPlatform } from '../platform/create-platform.ts'
import { rotateIssuerKey } from '../platform/rotate-issuer-key.ts'
import type { Command } from './command.ts'

export const keysCommand: Command = {
  summary: 'Rotate an issuing agency’s key without invalidating what it signed before',
  usage:
    'polis keys rotate --issuer AGENCY [--compromised] [--json]\n' +
    '  A new key and certificate for the agency under the national anchor, signing in running servers\n' +
    '  within ten minutes (at once after a restart). Its earlier certificates stay on the trust list until they\n' +
    '  expire, so documents already issued still verify. With --compromised (the old key stolen) they are\n' +
    '  withdrawn at once: verifiers refuse what they signed. (Polis ID’s key: polis id rotate-key.)',
  async run({ args, config }) {
    const [verb, ...rest] = args
    const { values } = parseArgs({
      args: rest,
      options: { issuer: { type: 'string' }, compromised: { type: 'boolean' }, json: { type: 'boolean' } },
    })
    if (verb !== 'rotate' || !values.issuer) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis keys rotate --issuer AGENCY' })
    }
    const platform = await createPlatform({ config })
    try {
      const rotated = await rotateIssuerKey(platform, {
        agency: values.issuer,
        ...(values.compromised ? { compromised: true } : {}),
      })
      console.log(
        values.json
          ? JSON.stringify(rotated)
          : `${rotated.agency} now signs with key ${rotated.keyId} (certificate ${rotated.sha256.slice(0, 16)}…, ` +
              `valid until ${rotated.notAfter}); ` +
              (values.compromised
                ? `${rotated.withdrawn} earlier certificate(s) withdrawn: what they signed is refused. `
                : `${rotated.stillTrusted} earlier certificate(s) stay trusted until they expire. `) +
              'Running servers take it up within ten minutes.',
      )
      return 0
    } finally {
      await platform.close()
    }
  },
}
