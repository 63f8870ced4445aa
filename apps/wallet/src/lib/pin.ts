/** Tries before the wallet forgets itself. */
export const maxPinFailures = 5
const iterations = 300_000

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256)
  return new Uint8Array(bits)
}

/** A PIN is 4 to 6 digits. */
export function isValidPin(pin: string): boolean {
  return /^\d{4,6}$/.test(pin)
}

/** What the wallet keeps to check a PIN: a salted PBKDF2 digest, never the PIN. */
export async function protectPin(
  pin: string,
): Promise<{ salt: Uint8Array<ArrayBuffer>; hash: Uint8Array; failures: number }> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  return { salt, hash: await derive(pin, salt), failures: 0 }
}

/** Whether `pin` is the one protected; compares every byte. */
export async function checkPin(
  pin: string,
  stored: { salt: Uint8Array<ArrayBuffer>; hash: Uint8Array },
): Promise<boolean> {
  const candidate = await derive(pin, stored.salt)
  let difference = candidate.length ^ stored.hash.length
  for (let i = 0; i < candidate.length; i++) difference |= (candidate[i] ?? 0) ^ (stored.hash[i] ?? 0)
  return difference === 0
}
