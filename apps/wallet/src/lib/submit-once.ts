import { isRecord, readList, readString } from './read-json.ts'

export interface SubmitOnceOptions<T> {
  /** Sends the application with its idempotency key; throws when it was not taken. */
  post: (key: string) => Promise<T>
  newKey: () => string
  /** The key of an attempt begun before (kept on the phone across a restart of the app). */
  key?: string
  /** Keeps a new key before its first request leaves, so that a restart cannot lose it. */
  keep?: (key: string) => Promise<void>
}

/**
 * Submission that never makes two applications: one `Idempotency-Key` per attempt,
 * made at the first tap and kept for every retry (after a dropped connection, or after
 * the answers were corrected) until an application comes back; taps while one is on its
 * way share its answer instead of sending again. The server answers the same key with
 * the same application, so even a request that reached it before the connection dropped
 * is not made twice. The key is kept on the phone before it is first sent (`keep`) and
 * given back after a restart (`key`): a retry then still makes one application.
 */
export function submitOnce<T>(options: SubmitOnceOptions<T>) {
  let key: string | undefined = options.key
  let pending: Promise<T> | undefined
  return {
    /** The key of the current attempt, if one has started. */
    get key() {
      return key
    },
    submit(): Promise<T> {
      if (pending) return pending
      const fresh = key === undefined
      const current = key ?? options.newKey()
      key = current
      const sending = (fresh && options.keep ? options.keep(current) : Promise.resolve()).then(() =>
        options.post(current),
      )
      pending = sending
      return sending.then(
        (answer) => {
          pending = undefined
          key = undefined
          return answer
        },
        (error: unknown) => {
          pending = undefined
          throw error
        },
      )
    },
  }
}

/** A refused submission's details (`422 ERR_FORM_INVALID`, `ERR_NOT_ELIGIBLE`): reasons, and messages by field id. */
export interface Refusal {
  reasons: string[]
  fields: Array<{ field: string; message: string }>
}

/** The details of a refused submission's body; empty lists when it has none. */
export function readRefusal(body: unknown): Refusal {
  if (!isRecord(body)) return { reasons: [], fields: [] }
  return {
    reasons: readList(body.reasons, readString),
    fields: readList(body.fields, (item) => {
      if (!isRecord(item)) return undefined
      const field = readString(item.field)
      const message = readString(item.message)
      return field && message ? { field, message } : undefined
    }),
  }
}
