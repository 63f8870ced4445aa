import type { ErrorCode } from '@polis/kernel/errors'
import type { Language } from '@polis/ui'

/** What the inspector is shown after a check: the disclosed document, or why it is refused. */
export type Verdict =
  | {
      valid: true
      documentType: string
      issuer: { id: string; name: Record<Language, string> }
      /** Set when another country issued it (docs/federation.md). */
      country?: { code: string; name: string }
      claims: Record<string, unknown>
      validUntil: Date
      checkedAt: Date
      /** How long the offline verification took, in milliseconds (QR codes only). */
      tookMs?: number
    }
  | {
      valid: false
      code: ErrorCode
      /** The platform's own wording of an online refusal, already in the inspector's language. */
      message?: string
      /** The check needed the network and there was none. */
      offline?: boolean
      /** Whose trust failed, for a refusal of another country's document: named to the inspector. */
      about?: { country: { code: string; name: string }; issuer?: { id: string; name: Record<Language, string> } }
      checkedAt: Date
    }
