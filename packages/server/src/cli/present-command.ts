import { createPrivateKey, randomBytes, sign } from 'node:crypto'
import { parseArgs } from 'node:util'
import { disclosableClaims, presentSdJwtVc } from '@polis/documents'
import { PolisError, systemClock } from '@polis/kernel'
import type { Command } from './command.ts'
import { readInputFile, readJsonObject } from './read-input.ts'

export const presentCommand: Command = {
  summary: 'Make a holder-bound presentation of a credential, disclosing only chosen claims',
  usage: 'polis present --credential FILE --holder-key FILE [--disclose a,b] [--nonce N] [--aud A]',
  async run({ args }) {
    const { values } = parseArgs({
      args,
      options: {
        credential: { type: 'string' },
        'holder-key': { type: 'string' },
        disclose: { type: 'string' },
        nonce: { type: 'string' },
        aud: { type: 'string' },
      },
    })
    if (!values.credential || !values['holder-key']) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: '--credential and --holder-key are required' })
    }
    const credential = readInputFile(values.credential)
    let key: ReturnType<typeof createPrivateKey>
    try {
      key = createPrivateKey({ key: readJsonObject(values['holder-key']) as never, format: 'jwk' })
    } catch (cause) {
      throw new PolisError('ERR_MALFORMED', { detail: 'the holder key is not a private JWK', cause })
    }
    const available = disclosableClaims(credential)
    const disclose = values.disclose ? values.disclose.split(',').map((name) => name.trim()) : available
    const unknown = disclose.filter((name) => !available.includes(name))
    if (unknown.length > 0) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: `not disclosable in this credential: ${unknown.join(', ')}` })
    }
    const presentation = await presentSdJwtVc({
      credential,
      disclose,
      holderSign: async (data) => sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }),
      nonce: values.nonce ?? randomBytes(16).toString('base64url'),
      audience: values.aud ?? 'polis-cli',
      now: systemClock(),
    })
    console.log(presentation)
    return 0
  },
}
