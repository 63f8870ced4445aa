import { parseArgs } from 'node:util'
import { PolisError } from '@polis/kernel'
import { rotatePolisIdSigningKey } from '@polis/polis-id'
import { createPlatform } from '../platform/create-platform.ts'
import type { Command } from './command.ts'

export const idCommand: Command = {
  summary: 'Polis ID operations: rotate the key that signs ID tokens',
  usage:
    'polis id rotate-key [--json]\n' +
    '  A new key signs ID tokens from now on; the two before it stay published at /id/jwks so\n' +
    '  that tokens already issued still verify. Running servers take it up within a minute.',
  async run({ args, config }) {
    const [verb, ...rest] = args
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } })
    if (verb !== 'rotate-key') throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis id rotate-key' })
    const platform = await createPlatform({ config })
    try {
      const kid = await rotatePolisIdSigningKey({ store: platform.store, sealer: platform.keys })
      console.log(values.json ? JSON.stringify({ kid }) : `ID tokens are now signed with key ${kid}.`)
      return 0
    } finally {
      await platform.close()
    }
  },
}
