import { derSignatureToRaw } from '@polis/kernel/ecdsa-signature'
import { toBase64url } from './base64url.ts'

/** A passkey that unlocks this wallet: its credential id and public key, kept with the device record. */
export interface Passkey {
  id: Uint8Array<ArrayBuffer>
  publicKey: CryptoKey
}

const es256 = -7

/** Whether this browser can make a passkey checked by the phone's own fingerprint, face or screen lock. */
export async function canUsePasskeys(): Promise<boolean> {
  return (
    typeof PublicKeyCredential !== 'undefined' &&
    (await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable().catch(() => false))
  )
}

/**
 * Makes a passkey on the phone's own authenticator, which must verify the user (biometrics
 * or screen lock). It never leaves this wallet: the wallet itself is the relying party and
 * keeps the public key to check each unlock.
 */
export async function createPasskey(name: string): Promise<Passkey> {
  const credential = (await navigator.credentials.create({
    publicKey: {
      rp: { name: 'Polis' },
      user: { id: crypto.getRandomValues(new Uint8Array(16)), name, displayName: name },
      challenge: crypto.getRandomValues(new Uint8Array(32)),
      pubKeyCredParams: [{ type: 'public-key', alg: es256 }],
      authenticatorSelection: {
        authenticatorAttachment: 'platform',
        userVerification: 'required',
        residentKey: 'discouraged',
      },
      attestation: 'none',
      timeout: 60_000,
    },
  })) as PublicKeyCredential | null
  const response = credential?.response as AuthenticatorAttestationResponse | undefined
  const spki = response?.getPublicKey()
  if (!credential || !spki || response?.getPublicKeyAlgorithm() !== es256) throw new Error('no ES256 passkey was made')
  const publicKey = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'verify',
  ])
  return { id: new Uint8Array(credential.rawId), publicKey }
}

/**
 * Asks the phone to verify the user with the passkey, and checks the answer as a relying
 * party would (WebAuthn Level 3 section 7.2): type, challenge and origin of the client
 * data, user present and verified flags, and the signature over both.
 */
export async function unlockWithPasskey(passkey: Passkey): Promise<boolean> {
  const challenge = crypto.getRandomValues(new Uint8Array(32))
  const assertion = (await navigator.credentials.get({
    publicKey: {
      challenge,
      allowCredentials: [{ type: 'public-key', id: passkey.id }],
      userVerification: 'required',
      timeout: 60_000,
    },
  })) as PublicKeyCredential | null
  const response = assertion?.response as AuthenticatorAssertionResponse | undefined
  if (!response) return false
  const client = JSON.parse(new TextDecoder().decode(response.clientDataJSON)) as Record<string, unknown>
  if (
    client.type !== 'webauthn.get' ||
    client.challenge !== toBase64url(challenge) ||
    client.origin !== location.origin
  ) {
    return false
  }
  const data = new Uint8Array(response.authenticatorData)
  // The first 32 bytes are the hash of the relying party id: this wallet's host.
  const rpIdHash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(location.hostname)))
  if (toBase64url(data.subarray(0, 32)) !== toBase64url(rpIdHash)) return false
  const flags = data[32] ?? 0
  // Bit 0: the user was present; bit 2: the authenticator verified who they are.
  if ((flags & 0x01) === 0 || (flags & 0x04) === 0) return false
  const clientHash = new Uint8Array(await crypto.subtle.digest('SHA-256', response.clientDataJSON))
  const signed = new Uint8Array(data.length + clientHash.length)
  signed.set(data)
  signed.set(clientHash, data.length)
  return crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    passkey.publicKey,
    derSignatureToRaw(new Uint8Array(response.signature)) as Uint8Array<ArrayBuffer>,
    signed,
  )
}
