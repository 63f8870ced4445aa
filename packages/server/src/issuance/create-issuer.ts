import { PolisError } from '@polis/kernel'
import { agencySigningKey } from '../platform/agency-signing-key.ts'
import type { Platform } from '../platform/create-platform.ts'
import { type IssueDocumentRequest, type IssuedDocument, issueDocument } from './issue-document.ts'
import { revokeDeviceCredentials } from './revoke-device-credentials.ts'
import { type CredentialStatus, changeCredentialStatus, getStatusListToken, statusListUri } from './status-lists.ts'

/** The platform's credential issuer: issues documents, changes their status, publishes status lists. */
export interface Issuer {
  issue(request: IssueDocumentRequest): Promise<IssuedDocument>
  changeStatus(request: {
    status: { uri: string; idx: number }
    to: CredentialStatus
    reason: string
  }): Promise<{ credentialId: string; previous: CredentialStatus; status: CredentialStatus }>
  /**
   * Changes the status of every credential of one document of a citizen, in every format
   * and on every device (a lost ID card, say); revoked ones stay revoked.
   */
  changeDocumentStatus(request: {
    citizenId: string
    documentType: string
    to: CredentialStatus
    reason: string
  }): Promise<{ changed: number }>
  /** Revokes every credential issued to a wallet device, e.g. when it is lost. */
  revokeDeviceCredentials(request: { deviceId: string; reason: string }): Promise<{ revoked: number }>
  statusListToken(listId: string): Promise<string>
  /** Every status list this instance publishes, for verifiers that cache them all to work offline. */
  statusLists(): Promise<Array<{ uri: string; issuer: string }>>
  /** The list id of a status URI this instance publishes; ERR_UNKNOWN_CREDENTIAL for others. */
  localListId(uri: string): string
}

/** Binds issuance to one platform instance. */
export function createIssuer(platform: Platform): Issuer {
  const signingKeyOf = (agency: string) => agencySigningKey(platform, agency)
  const prefix = `${platform.publicUrl}/status/`
  const localListId = (uri: string) => {
    if (!uri.startsWith(prefix))
      throw new PolisError('ERR_UNKNOWN_CREDENTIAL', { detail: 'status list of another issuer' })
    return uri.slice(prefix.length)
  }
  return {
    issue: (request) =>
      issueDocument(
        {
          store: platform.store,
          queryRegistry: platform.queryRegistry,
          signingKeyOf,
          publicUrl: platform.publicUrl,
          now: platform.now,
          country: platform.config.POLIS_COUNTRY_CODE,
        },
        request,
      ),
    changeStatus: ({ status, to, reason }) =>
      changeCredentialStatus({
        store: platform.store,
        listId: localListId(status.uri),
        idx: status.idx,
        status: to,
        reason,
        now: platform.now(),
      }),
    changeDocumentStatus: async ({ citizenId, documentType, to, reason }) => {
      const credentials = await platform.store.db
        .selectFrom('issued_credentials')
        .select(['list_id', 'list_index'])
        .where('citizen_id', '=', citizenId)
        .where('document_type', '=', documentType)
        .where('status', '!=', 1)
        .where('expires_at', '>', platform.now().toISOString())
        .execute()
      for (const credential of credentials) {
        await changeCredentialStatus({
          store: platform.store,
          listId: credential.list_id,
          idx: credential.list_index,
          status: to,
          reason,
          now: platform.now(),
        })
      }
      return { changed: credentials.length }
    },
    revokeDeviceCredentials: ({ deviceId, reason }) =>
      revokeDeviceCredentials({ store: platform.store, deviceId, reason, now: platform.now() }),
    statusListToken: (listId) =>
      getStatusListToken({
        store: platform.store,
        listId,
        publicUrl: platform.publicUrl,
        signingKeyOf,
        now: platform.now(),
      }),
    statusLists: async () => {
      const lists = await platform.store.db
        .selectFrom('status_lists')
        .select(['id', 'issuer_id'])
        .orderBy('issuer_id')
        .orderBy('id')
        .execute()
      return lists.map((list) => ({ uri: statusListUri(platform.publicUrl, list.id), issuer: list.issuer_id }))
    },
    localListId,
  }
}
