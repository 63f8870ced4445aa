import { parseArgs } from 'node:util'
import { PolisError } from '@polis/kernel'
import { anchorPem } from '../platform/build-trust-list.ts'
import { createPlatform } from '../platform/create-platform.ts'
import { rotateIssuerKey } from '../platform/rotate-issuer-key.ts'
import type { Command } from './command.ts'

export const trustCommand: Command = {
  summary: 'Print the national trust anchor as PEM; rotate an issuing agency’s key',
  usage:
    'polis trust export\n' +
    'polis trust rotate-key --issuer AGENCY [--json]\n' +
    '  A new key and certificate for the agency: what it signs after the servers restart is signed\n' +
    '  with it. Its earlier certificates stay on the trust list until they expire, so documents\n' +
    '  already issued still verify.',
  async run({ args, config }) {
    const [verb, ...rest] = args
    if (verb !== 'export' && verb !== 'rotate-key') {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis trust export | rotate-key --issuer AGENCY' })
    }
    const { values } = parseArgs({ args: rest, options: { issuer: { type: 'string' }, json: { type: 'boolean' } } })
    if (verb === 'rotate-key' && !values.issuer) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis trust rotate-key --issuer AGENCY' })
    }
    const platform = await createPlatform({ config })
    try {
      if (verb === 'export') {
        process.stdout.write(anchorPem(platform))
        return 0
      }
      const rotated = await rotateIssuerKey(platform, { agency: values.issuer ?? '' })
      console.log(
        values.json
          ? JSON.stringify(rotated)
          : `${rotated.agency} now signs with key ${rotated.keyId} (certificate ${rotated.sha256.slice(0, 16)}…, ` +
              `valid until ${rotated.notAfter}); ${rotated.stillTrusted} earlier certificate(s) stay trusted until ` +
              'they expire. Restart the servers to sign with it.',
      )
      return 0
    } finally {
      await platform.close()
    }
  },
}
