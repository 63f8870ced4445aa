/** An 8-digit one-time code the holder reads out, spaces and dashes allowed. */
export function asShareCode(text: string): string | undefined {
  const digits = text.replace(/[\s-]/g, '')
  return /^\d{8}$/.test(digits) ? digits : undefined
}
