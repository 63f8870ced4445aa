import type { DocumentType } from '@polis/documents/catalogue'
import { type Language, locales } from '@polis/ui'

const isoDate = /^\d{4}-\d{2}-\d{2}$/

export interface ClaimLine {
  name: string
  label: string
  value: string
}

/** A claim value as a person reads it: dates in their language, yes or no in words, lists joined. */
export function formatClaimValue(value: unknown, options: { language: Language; yes: string; no: string }): string {
  if (value === true) return options.yes
  if (value === false) return options.no
  if (typeof value === 'string' && isoDate.test(value)) {
    return new Intl.DateTimeFormat(locales[options.language], { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    )
  }
  if (Array.isArray(value)) return value.map((v) => formatClaimValue(v, options)).join(', ')
  if (value instanceof Uint8Array) return ''
  if (value && typeof value === 'object') {
    return Object.values(value)
      .map((v) => formatClaimValue(v, options))
      .join(', ')
  }
  return String(value)
}

/**
 * The disclosed claims, labelled in the inspector's language from the catalogue, in the
 * catalogue's order; claims the catalogue does not know come last under their own name.
 * The portrait is shown as an image, not a line.
 */
export function describeClaims(
  claims: Record<string, unknown>,
  options: { type: DocumentType | undefined; language: Language; yes: string; no: string },
): ClaimLine[] {
  const specs = options.type?.claims ?? []
  const order = (name: string) => {
    const index = specs.findIndex((spec) => spec.name === name)
    return index === -1 ? specs.length : index
  }
  return Object.entries(claims)
    .filter(([name]) => name !== 'portrait')
    .sort(([a], [b]) => order(a) - order(b))
    .map(([name, value]) => ({
      name,
      label: specs.find((spec) => spec.name === name)?.label[options.language] ?? name,
      value: formatClaimValue(value, options),
    }))
}

/** The portrait as image bytes: raw PNG bytes, or the same as base64(url) or a data URL from JSON. */
export function portraitBytes(value: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (value instanceof Uint8Array) return new Uint8Array(value)
  if (typeof value !== 'string') return undefined
  const base64 = (value.startsWith('data:image/') ? value.slice(value.indexOf(',') + 1) : value)
    .replace(/-/g, '+')
    .replace(/_/g, '/')
  try {
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  } catch {
    return undefined
  }
}
