import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { PolisError } from '@polis/kernel'
import { listRepresentatives } from '@polis/registries'
import {
  approveBusiness,
  type Business,
  createApiKey,
  endBusiness,
  listBusinesses,
  registerBusiness,
  revokeApiKey,
} from '../business/businesses.ts'
import { parsePurposeOption } from '../business/purposes.ts'
import { createPlatform } from '../platform/create-platform.ts'
import type { Command } from './command.ts'

const verbs = ['add', 'list', 'approve', 'refuse', 'revoke', 'key', 'revoke-key', 'representatives'] as const

function line(b: Business): string {
  const purposes = b.purposes.map((p) => p.id).join(',')
  return `${b.id}  ${b.status.padEnd(8)}  ${b.registerNumber}  ${b.legalName}  [${purposes}]${b.clientId ? `  ${b.clientId}` : ''}`
}

export const businessesCommand: Command = {
  summary: 'Register businesses that ask citizens for documents, decide on them, and give them API keys',
  usage:
    'polis businesses add --register-number N --contact EMAIL --privacy-contact EMAIL\n' +
    '    (--purpose "id:description:document=claim,claim[;document=claim]" ... | --purposes FILE.json) [--json]\n' +
    'polis businesses list [--json]\n' +
    'polis businesses representatives REGISTER_NUMBER [--json]   who may register it in the cabinet at /business\n' +
    'polis businesses approve ID --official CITIZEN_ID [--json]   (an official with the approver role)\n' +
    'polis businesses refuse|revoke ID --official CITIZEN_ID [--reason TEXT]\n' +
    'polis businesses key ID            a new API key, printed once\n' +
    'polis businesses revoke-key ID --key KEY_ID\n' +
    '  Approval issues the access certificate from the platform access CA, and prints the\n' +
    '  webhook signing secret and a first API key, once.',
  async run({ args, config }) {
    const [verb, ...rest] = args
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        'register-number': { type: 'string' },
        contact: { type: 'string' },
        'privacy-contact': { type: 'string' },
        purpose: { type: 'string', multiple: true },
        purposes: { type: 'string' },
        official: { type: 'string' },
        key: { type: 'string' },
        reason: { type: 'string' },
        json: { type: 'boolean' },
      },
    })
    if (!verbs.includes(verb as (typeof verbs)[number])) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: `polis businesses ${verbs.join('|')}` })
    }
    const print = (value: unknown, text: string) => console.log(values.json ? JSON.stringify(value, null, 2) : text)
    const platform = await createPlatform({ config })
    try {
      if (verb === 'list') {
        const all = await listBusinesses(platform)
        print(all, all.map(line).join('\n'))
        return 0
      }
      if (verb === 'add') {
        let purposes: unknown = (values.purpose ?? []).map(parsePurposeOption)
        if (values.purposes) {
          try {
            purposes = JSON.parse(readFileSync(values.purposes, 'utf8'))
          } catch (cause) {
            throw new PolisError('ERR_BAD_REQUEST', { detail: '--purposes is not a readable JSON file', cause })
          }
        }
        const business = await registerBusiness(platform, {
          registerNumber: values['register-number'],
          contactEmail: values.contact,
          privacyEmail: values['privacy-contact'],
          purposes,
        })
        print(
          business,
          `${line(business)}\nWaiting for an approver: polis businesses approve ${business.id} --official ID`,
        )
        return 0
      }
      const [id] = positionals
      if (!id) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the business id is required' })
      if (verb === 'representatives') {
        const named = await listRepresentatives(platform.store, id)
        print(named, named.map((r) => `${r.citizenId}  ${r.role}`).join('\n'))
        return 0
      }
      if (verb === 'key') {
        const apiKey = await createApiKey(platform, id)
        print({ apiKey }, `API key (shown once): ${apiKey}`)
        return 0
      }
      if (verb === 'revoke-key') {
        if (!values.key) throw new PolisError('ERR_BAD_REQUEST', { detail: '--key is required' })
        await revokeApiKey(platform, { businessId: id, keyId: values.key.replace(/^pk_/, '').split('.')[0] ?? '' })
        print({ revoked: values.key }, 'Revoked.')
        return 0
      }
      if (!values.official) throw new PolisError('ERR_BAD_REQUEST', { detail: '--official is required' })
      if (verb === 'approve') {
        const approval = await approveBusiness(platform, { id, official: values.official })
        const apiKey = await createApiKey(platform, id)
        print(
          { ...approval, apiKey },
          `${line(approval.business)}\nWebhook secret (shown once): ${approval.webhookSecret}\nAPI key (shown once): ${apiKey}`,
        )
        return 0
      }
      const ended = await endBusiness(platform, {
        id,
        official: values.official,
        to: verb === 'refuse' ? 'refused' : 'revoked',
        ...(values.reason === undefined ? {} : { reason: values.reason }),
      })
      print(ended, line(ended))
      return 0
    } finally {
      await platform.close()
    }
  },
}
