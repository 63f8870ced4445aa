import { encodeCbor } from './encode-cbor.ts'

export interface BuildSessionTranscriptOptions {
  clientId: string
  nonce: string
  /** SHA-256 JWK thumbprint (RFC 7638) of the verifier's encryption key, when the response is encrypted. */
  jwkThumbprint: Uint8Array | undefined
  responseUri: string
}

/**
 * The mdoc SessionTranscript of a redirect-based OpenID4VP 1.0 presentation (Annex B.2.6.1):
 * `[null, null, ["OpenID4VPHandover", SHA-256(cbor([client_id, nonce, jwkThumbprint, response_uri]))]]`,
 * as CBOR bytes. The device signature covers it, so a DeviceResponse is bound to one request.
 */
export async function buildSessionTranscript(options: BuildSessionTranscriptOptions): Promise<Uint8Array> {
  const info = encodeCbor([options.clientId, options.nonce, options.jwkThumbprint ?? null, options.responseUri])
  const infoHash = new Uint8Array(await crypto.subtle.digest('SHA-256', info))
  return encodeCbor([null, null, ['OpenID4VPHandover', infoHash]])
}
