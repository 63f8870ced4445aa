import { parseArgs } from 'node:util'
import { getDocumentType, parseSdJwt, parseStatusReference, readMdocStatus } from '@polis/documents'
import { fromBase64url, PolisError } from '@polis/kernel'
import { createIssuer } from '../issuance/create-issuer.ts'
import type { CredentialStatus } from '../issuance/status-lists.ts'
import { createPlatform } from '../platform/create-platform.ts'
import type { Command } from './command.ts'
import { readInputFile } from './read-input.ts'

/** The status-list entry a credential file points at. */
function statusReferenceOf(credential: string): { uri: string; idx: number } {
  if (credential.includes('~')) {
    const status = parseSdJwt(credential).jwt.payload.status
    if (status !== undefined) return parseStatusReference(status)
  } else {
    const bytes = fromBase64url(credential)
    if (!bytes) throw new PolisError('ERR_MALFORMED', { detail: 'neither an SD-JWT VC nor a base64url mdoc' })
    const status = readMdocStatus(bytes)
    if (status) return status
  }
  throw new PolisError('ERR_MALFORMED', { detail: 'the credential has no status list reference' })
}

function statusCommand(to: CredentialStatus, verb: string): Command {
  return {
    summary: `${verb[0]?.toUpperCase()}${verb.slice(1)} a credential issued by this instance`,
    usage: `polis ${verb} (--credential FILE | --citizen ID --type DOCUMENT) [--reason TEXT]`,
    async run({ args, config }) {
      const { values } = parseArgs({
        args,
        options: {
          credential: { type: 'string' },
          citizen: { type: 'string' },
          type: { type: 'string' },
          reason: { type: 'string' },
        },
      })
      const byDocument = values.citizen !== undefined && values.type !== undefined
      if (!values.credential && !byDocument) {
        throw new PolisError('ERR_BAD_REQUEST', { detail: '--credential FILE, or --citizen ID with --type DOCUMENT' })
      }
      const platform = await createPlatform({ config })
      try {
        const issuer = createIssuer(platform)
        const reason = values.reason ?? verb
        if (byDocument) {
          // Every copy of the document the citizen holds: each format, each device.
          const documentType = getDocumentType(values.type as string).code
          const citizenId = values.citizen as string
          const { changed } = await issuer.changeDocumentStatus({ citizenId, documentType, to, reason })
          console.log(`${documentType} of citizen ${citizenId}: ${changed} credential(s) → ${to}`)
          return 0
        }
        const status = statusReferenceOf(readInputFile(values.credential as string))
        const result = await issuer.changeStatus({ status, to, reason })
        console.log(`Credential ${result.credentialId}: ${result.previous} → ${result.status}`)
        return 0
      } finally {
        await platform.close()
      }
    },
  }
}

export const revokeCommand = statusCommand('revoked', 'revoke')
export const suspendCommand = statusCommand('suspended', 'suspend')
export const reinstateCommand = statusCommand('valid', 'reinstate')
