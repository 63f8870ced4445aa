/**
 * Writes that happen at the same moment (many requests at once) share one insert: each
 * caller waits for the write that holds its entry, so nothing is acknowledged unwritten,
 * and a burst costs one round trip. A batch closes once the callers of this turn of the
 * event loop have queued their entries, or at `limit` entries.
 */
export function batchedWriter<T>(write: (entries: T[]) => Promise<void>, options: { limit?: number } = {}) {
  const limit = options.limit ?? 200
  let open: { entries: T[]; written: Promise<void>; flush: () => void } | undefined
  const openBatch = () => {
    const entries: T[] = []
    let start!: () => void
    const written = new Promise<void>((resolve) => {
      start = resolve
    }).then(() => write(entries))
    const batch = {
      entries,
      written,
      flush: () => {
        if (open === batch) open = undefined
        start()
      },
    }
    setImmediate(batch.flush)
    return batch
  }
  /** Resolves once the entry is written; rejects when it could not be. */
  return (entry: T): Promise<void> => {
    open ??= openBatch()
    const batch = open
    batch.entries.push(entry)
    if (batch.entries.length >= limit) batch.flush()
    return batch.written
  }
}
