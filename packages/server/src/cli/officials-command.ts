import { parseArgs } from 'node:util'
import { PolisError } from '@polis/kernel'
import { addOfficial, disableOfficial, listOfficials, type OfficialRole } from '@polis/polis-id'
import QRCode from 'qrcode'
import { createPlatform } from '../platform/create-platform.ts'
import type { Command } from './command.ts'

export const officialsCommand: Command = {
  summary: 'Make citizens officials of an agency, with roles and a TOTP second factor for the office',
  usage:
    'polis officials add --citizen ID --agency CODE --role R [--role R2] [--json]\n' +
    'polis officials list [--json]\n' +
    'polis officials disable --citizen ID\n' +
    '  Roles: clerk, decider, service-designer, approver, administrator. `add` prints the\n' +
    '  authenticator set-up (otpauth:// URI and QR code) once; adding again replaces it.',
  async run({ args, config }) {
    const [verb, ...rest] = args
    const { values } = parseArgs({
      args: rest,
      options: {
        citizen: { type: 'string' },
        agency: { type: 'string' },
        role: { type: 'string', multiple: true },
        json: { type: 'boolean' },
      },
    })
    if (verb !== 'add' && verb !== 'list' && verb !== 'disable') {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis officials add|list|disable' })
    }
    const platform = await createPlatform({ config })
    try {
      if (verb === 'list') {
        const officials = await listOfficials(platform.store)
        if (values.json) console.log(JSON.stringify(officials, null, 2))
        else {
          for (const o of officials) {
            console.log(`${o.citizenId}  ${o.agency}  ${o.roles.join(',')}${o.disabledAt ? '  (disabled)' : ''}`)
          }
        }
        return 0
      }
      if (!values.citizen) throw new PolisError('ERR_BAD_REQUEST', { detail: '--citizen is required' })
      if (verb === 'disable') {
        await disableOfficial(platform.store, values.citizen, platform.now())
        console.log(values.json ? JSON.stringify({ citizenId: values.citizen, disabled: true }) : 'Disabled.')
        return 0
      }
      const [person] = await platform.queryRegistry({
        registry: 'population',
        kind: 'person',
        citizenId: values.citizen,
        purpose: 'polis-id:officials',
      })
      if (!person) throw new PolisError('ERR_UNKNOWN_CITIZEN')
      if (!values.agency || !values.role) {
        throw new PolisError('ERR_BAD_REQUEST', { detail: '--agency and at least one --role are required' })
      }
      const result = await addOfficial({
        store: platform.store,
        sealer: platform.keys,
        registration: { citizenId: values.citizen, agency: values.agency, roles: values.role as OfficialRole[] },
        issuer: `Polis ${platform.config.POLIS_COUNTRY_NAME}`,
        now: platform.now(),
      })
      if (values.json) {
        console.log(JSON.stringify({ ...result.official, totpUri: result.totpUri }, null, 2))
      } else {
        console.log(
          `Official ${result.official.citizenId} of ${result.official.agency}: ${result.official.roles.join(', ')}`,
        )
        console.log('Give them this authenticator set-up, once (it is not shown again):')
        console.log(await QRCode.toString(result.totpUri, { type: 'terminal', small: true, errorCorrectionLevel: 'M' }))
        console.log(result.totpUri)
      }
      return 0
    } finally {
      await platform.close()
    }
  },
}
