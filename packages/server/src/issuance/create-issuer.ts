import { PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import { agencySigningKey } from '../platform/agency-signing-key.ts'
import type { Platform } from '../platform/create-platform.ts'
import { type IssueDocumentRequest, type IssuedDocument, issueDocument } from './issue-document.ts'
import { revokeDeviceCredentials } from './revoke-device-credentials.ts'
import {
  type CredentialStatus,
  changeCredentialStatus,
  getStatusListToken,
  isSlotTaken,
  type PickedStatusSlot,
  pickStatusSlot,
  statusListUri,
} from './status-lists.ts'

/** The platform's credential issuer: issues documents, changes their status, publishes status lists. */
export interface Issuer {
  issue(request: IssueDocumentRequest): Promise<IssuedDocument>
  /**
   * Issues several documents all or none: they are signed first, then their status slots
   * are recorded in one transaction with what `within` writes (the key proofs' nonce used
   * up), so a process stopped on the way leaves no slot of a credential no one received.
   */
  issueTogether(
    requests: IssueDocumentRequest[],
    options: { within: (db: Store['db']) => Promise<void> },
  ): Promise<IssuedDocument[]>
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
  const context = {
    store: platform.store,
    queryRegistry: platform.queryRegistry,
    signingKeyOf,
    publicUrl: platform.publicUrl,
    now: platform.now,
    country: platform.config.POLIS_COUNTRY_CODE,
  }
  return {
    issue: (request) => issueDocument(context, request),
    issueTogether: async (requests, { within }) => {
      for (let attempt = 1; ; attempt++) {
        const picked: PickedStatusSlot[] = []
        const issued: IssuedDocument[] = []
        for (const request of requests) {
          const document = await issueDocument(context, request, {
            reserve: async (slot) => {
              let chosen = await pickStatusSlot(slot)
              while (picked.some((p) => p.listId === chosen.listId && p.idx === chosen.idx))
                chosen = await pickStatusSlot(slot)
              picked.push(chosen)
              return chosen
            },
          })
          issued.push(document)
        }
        try {
          await platform.store.db.transaction().execute(async (trx) => {
            await within(trx)
            await trx
              .insertInto('issued_credentials')
              .values(picked.map((p) => p.row))
              .execute()
          })
          return issued
        } catch (error) {
          // A slot taken by another issuance meanwhile: nothing was written, so all is signed again.
          const taken = await Promise.all(picked.map((p) => isSlotTaken(platform.store, p)))
          if (attempt >= 3 || !taken.some(Boolean)) throw error
        }
      }
    },
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
