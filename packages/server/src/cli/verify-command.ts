import { parseArgs } from 'node:util'
import { errorBody } from '@polis/kernel'
import { fromPem } from '@polis/trust'
import { createPlatform } from '../platform/create-platform.ts'
import { createVerifier } from '../verification/create-verifier.ts'
import type { Command } from './command.ts'
import { readInputFile, readStdin } from './read-input.ts'

export const verifyCommand: Command = {
  summary: 'Verify a presentation or credential read from standard input',
  usage:
    'polis verify [--nonce N] [--aud A] [--trust FILE] < presentation\n' +
    '  Exit 0 and JSON of the verified claims, or exit 1 and {"error":{"code","message"}}.',
  async run({ args, config }) {
    const { values } = parseArgs({
      args,
      options: { nonce: { type: 'string' }, aud: { type: 'string' }, trust: { type: 'string', multiple: true } },
    })
    try {
      const input = await readStdin()
      const extraAnchors = (values.trust ?? []).flatMap((file) => fromPem(readInputFile(file)))
      const platform = await createPlatform({ config })
      try {
        const result = await createVerifier(platform, { extraAnchors }).verify({
          input,
          nonce: values.nonce,
          audience: values.aud,
        })
        console.log(JSON.stringify(result, null, 2))
        return 0
      } finally {
        await platform.close()
      }
    } catch (error) {
      console.log(JSON.stringify(errorBody(error)))
      return 1
    }
  },
}
