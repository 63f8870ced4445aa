import { decodeJsonPart, fromBase64url } from './base64url.ts'
import { readCache, type StoredCredential, writeCache } from './wallet-store.ts'

/** What the wallet tells the citizen about a document. */
export type DocumentStatus = 'valid' | 'expired' | 'revoked' | 'suspended' | 'unknown'

/** The status-list entry an SD-JWT VC points at (draft-ietf-oauth-status-list section 6.2). */
export function statusReference(credential: string): { uri: string; idx: number } | undefined {
  try {
    const payload = decodeJsonPart<{ status?: { status_list?: { uri?: unknown; idx?: unknown } } }>(
      credential.split('~')[0]?.split('.')[1] ?? '',
    )
    const list = payload.status?.status_list
    return typeof list?.uri === 'string' && typeof list.idx === 'number' ? { uri: list.uri, idx: list.idx } : undefined
  } catch {
    return undefined
  }
}

async function inflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/**
 * Reads the statuses of the held documents from their issuers' status lists, one fetch
 * per list, and remembers the last answer for offline display. The wallet only shows
 * what the list says; verifiers check the list's signature themselves.
 */
export async function refreshStatuses(credentials: StoredCredential[]): Promise<Record<string, DocumentStatus>> {
  const lists = new Map<string, Promise<{ bits: number; bytes: Uint8Array } | undefined>>()
  const read = (uri: string) => {
    let list = lists.get(uri)
    if (!list) {
      list = (async () => {
        // Revalidate: the citizen opening the wallet wants today's answer, not the HTTP cache's.
        const response = await fetch(uri, { headers: { accept: 'application/statuslist+jwt' }, cache: 'no-cache' })
        if (!response.ok) return undefined
        const token = await response.text()
        const payload = decodeJsonPart<{ status_list: { bits: number; lst: string } }>(token.split('.')[1] ?? '')
        return { bits: payload.status_list.bits, bytes: await inflate(fromBase64url(payload.status_list.lst)) }
      })().catch(() => undefined)
      lists.set(uri, list)
    }
    return list
  }
  const statuses: Record<string, DocumentStatus> = {}
  for (const credential of credentials) {
    const reference = credential.format === 'dc+sd-jwt' ? statusReference(credential.credential) : undefined
    if (!reference) continue
    const list = await read(reference.uri)
    if (!list) continue
    const bit = reference.idx * list.bits
    const value = ((list.bytes[bit >> 3] ?? 0) >> (bit & 7)) & ((1 << list.bits) - 1)
    statuses[credential.id] = value === 0 ? 'valid' : value === 2 ? 'suspended' : 'revoked'
  }
  await writeCache('statuses', statuses)
  return statuses
}

/** The statuses last read, for offline display. */
export async function lastStatuses(): Promise<Record<string, DocumentStatus>> {
  return (await readCache<Record<string, DocumentStatus>>('statuses')) ?? {}
}
