import type { DocumentType } from '@polis/documents/catalogue'

let loading: Promise<DocumentType[]> | undefined

/**
 * The document catalogue (names, claim labels and colours in three languages), loaded
 * after the first screen: only verdicts and the log need it, and a check waits for it.
 */
export function loadCatalogue(): Promise<DocumentType[]> {
  loading ??= import('@polis/documents/catalogue').then((catalogue) => catalogue.documentTypes)
  loading.catch(() => {
    loading = undefined
  })
  return loading
}
