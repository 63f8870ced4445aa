import type { PendingPresentationRequest } from './create-presentation-request.ts'

/** Where a verifier keeps its open requests; the platform's is a table, this one is for tests and benchmarks. */
export interface RequestStore {
  save(request: PendingPresentationRequest): void
  find(id: string): PendingPresentationRequest | undefined
  /** True the first time a request is answered, false ever after. */
  claimResponse(id: string): boolean
}

/** An in-memory RequestStore, for tests and benchmarks (one process, nothing shared). */
export function createMemoryRequestStore(): RequestStore {
  const open = new Map<string, PendingPresentationRequest>()
  const answered = new Set<string>()
  return {
    save: (request) => void open.set(request.id, request),
    find: (id) => open.get(id),
    claimResponse(id) {
      if (!open.has(id) || answered.has(id)) return false
      answered.add(id)
      return true
    },
  }
}
