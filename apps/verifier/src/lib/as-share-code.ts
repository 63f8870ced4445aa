/**
 * The 8-digit one-time code in what was typed or scanned: the digits the holder reads out
 * (spaces and dashes allowed), or the wallet's link QR to this verifier,
 * `<origin>/verify/#code=12345678`. A link to another origin is not taken: its code would
 * be redeemed here, where it does not belong.
 */
export function asShareCode(text: string, origin: string): string | undefined {
  const digits = text.replace(/[\s-]/g, '')
  if (/^\d{8}$/.test(digits)) return digits
  if (!/^https?:\/\//i.test(text.trim())) return undefined
  try {
    const url = new URL(text.trim())
    const code = new URLSearchParams(url.hash.slice(1)).get('code')
    return url.origin === origin && url.pathname.startsWith('/verify') && code && /^\d{8}$/.test(code)
      ? code
      : undefined
  } catch {
    return undefined
  }
}
