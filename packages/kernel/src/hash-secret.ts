import { hash } from 'node:crypto'

/** Secrets (codes, tokens) are stored only as their SHA-256, so a database copy grants nothing. */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'base64url')
}
