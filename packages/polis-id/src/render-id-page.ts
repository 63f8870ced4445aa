import type { Language } from '@polis/kernel'
import { renderServerPage } from '@polis/ui/server-page'

/** A Polis ID page: the server pages' look, and a script allowed by nonce only. */
export function renderIdPage(options: {
  language: Language
  title: string
  body: string
  nonce: string
  script?: string
}): string {
  return renderServerPage({ ...options, brand: 'Polis ID' })
}
