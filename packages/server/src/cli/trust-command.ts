import { PolisError } from '@polis/kernel'
import { anchorPem } from '../platform/build-trust-list.ts'
import { createPlatform } from '../platform/create-platform.ts'
import type { Command } from './command.ts'

export const trustCommand: Command = {
  summary: 'Print the national trust anchor as PEM',
  usage: 'polis trust export',
  async run({ args, config }) {
    if (args[0] !== 'export') throw new PolisError('ERR_BAD_REQUEST', { detail: 'usage: polis trust export' })
    const platform = await createPlatform({ config })
    try {
      process.stdout.write(anchorPem(platform))
      return 0
    } finally {
      await platform.close()
    }
  },
}
