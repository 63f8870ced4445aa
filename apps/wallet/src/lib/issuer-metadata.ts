import type { Language } from '@polis/ui'
import { fetchJson } from './api.ts'
import { readCache, writeCache } from './wallet-store.ts'

const locales: Record<Language, string> = { uk: 'uk-UA', en: 'en', et: 'et-EE' }

interface Display {
  name: string
  locale: string
  background_color?: string
  text_color?: string
}

/** One credential configuration as the issuer describes it (OpenID4VCI 1.0 section 12.2.4). */
export interface Configuration {
  format: string
  credential_metadata?: {
    display?: Display[]
    claims?: Array<{ path: string[]; display?: Array<{ name: string; locale: string }> }>
  }
}

export interface IssuerMetadata {
  credential_issuer: string
  credential_endpoint: string
  nonce_endpoint: string
  /** How many copies one request may ask for (section 12.2.4). */
  batch_credential_issuance?: { batch_size: number }
  credential_configurations_supported: Record<string, Configuration>
}

/** The issuer's metadata, fetched when online and kept for offline use. */
export async function loadIssuerMetadata(): Promise<IssuerMetadata> {
  try {
    const metadata = await fetchJson<IssuerMetadata>('/.well-known/openid-credential-issuer')
    await writeCache('issuer-metadata', metadata)
    return metadata
  } catch (error) {
    const cached = await readCache<IssuerMetadata>('issuer-metadata')
    if (cached) return cached
    throw error
  }
}

/** How a document looks in a language: its name and colours. */
export function displayOf(configuration: Configuration | undefined, language: Language) {
  const displays = configuration?.credential_metadata?.display ?? []
  const display = displays.find((d) => d.locale === locales[language]) ?? displays[0]
  return {
    name: display?.name ?? '',
    background: display?.background_color ?? '#0b57d0',
    text: display?.text_color ?? '#ffffff',
  }
}

/** A claim's label in a language, falling back to its name. */
export function claimLabel(configuration: Configuration | undefined, claim: string, language: Language): string {
  const entry = configuration?.credential_metadata?.claims?.find((c) => c.path.at(-1) === claim)
  return entry?.display?.find((d) => d.locale === locales[language])?.name ?? claim
}
