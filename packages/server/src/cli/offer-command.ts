import { parseArgs } from 'node:util'
import { PolisError } from '@polis/kernel'
import { createCredentialOffer } from '@polis/oid4vc'
import QRCode from 'qrcode'
import { offerableConfigurations } from '../issuance/offerable-configurations.ts'
import { createPlatform } from '../platform/create-platform.ts'
import type { Command } from './command.ts'
import { isTerminal } from './terminal.ts'

export const offerCommand: Command = {
  summary: 'Print an OpenID4VCI credential offer for a citizen (URI, and a QR code on a terminal)',
  usage:
    'polis offer --citizen ID [--types a,b] [--tx-code] [--json]\n' +
    '  Without --types every document the registries hold for the citizen is offered, in every format.',
  async run({ args, config }) {
    const { values } = parseArgs({
      args,
      options: {
        citizen: { type: 'string' },
        types: { type: 'string' },
        'tx-code': { type: 'boolean' },
        json: { type: 'boolean' },
      },
    })
    if (!values.citizen) throw new PolisError('ERR_BAD_REQUEST', { detail: '--citizen is required' })
    const platform = await createPlatform({ config })
    try {
      const configurationIds = await offerableConfigurations({
        queryRegistry: platform.queryRegistry,
        citizenId: values.citizen,
        ...(values.types ? { documentTypes: values.types.split(',').map((t) => t.trim()) } : {}),
      })
      if (configurationIds.length === 0) throw new PolisError('ERR_NO_REGISTRY_RECORD')
      const offer = await createCredentialOffer({
        store: platform.store,
        credentialIssuer: platform.publicUrl,
        citizenId: values.citizen,
        configurationIds,
        now: platform.now(),
        withTxCode: values['tx-code'] ?? false,
      })
      // The Polis wallet opens the offer from a web link, which any phone's camera follows;
      // the openid-credential-offer URI is for other OpenID4VCI wallets.
      const walletUrl = `${platform.publicUrl}/wallet/#offer=${encodeURIComponent(offer.uri)}`
      if (values.json) {
        console.log(JSON.stringify({ ...offer, walletUrl, expiresAt: offer.expiresAt.toISOString() }, null, 2))
        return 0
      }
      if (isTerminal) {
        console.log(await QRCode.toString(walletUrl, { type: 'terminal', small: true, errorCorrectionLevel: 'L' }))
      }
      console.log(offer.uri)
      console.error(
        `Offers ${configurationIds.length} credentials; valid until ${offer.expiresAt.toISOString()}, once.` +
          (offer.txCode ? ` Transaction code: ${offer.txCode}` : '') +
          `\nPolis wallet (the QR above): ${walletUrl}`,
      )
      return 0
    } finally {
      await platform.close()
    }
  },
}
