import type { KeyObject } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { concatBytes, encodeHead, encodeTag24 } from './cbor-bytes.ts'
import { asMap, asTag24, decodeCbor, getField } from './decode-cbor.ts'
import { encodeCbor } from './encode-cbor.ts'
import { parseCoseSign1 } from './parse-cose-sign1.ts'
import { verifyCoseSign1 } from './verify-cose-sign1.ts'

export interface VerifyDeviceSignatureOptions {
  /** The DeviceSigned structure of a Document. */
  deviceSigned: unknown
  docType: string
  /** The SessionTranscript as CBOR bytes, built by the caller from its handover. */
  sessionTranscript: Uint8Array
  /** The device key the issuer signed into the MSO. */
  devicePublicKey: KeyObject
}

/**
 * Checks mdoc device authentication by signature (ISO/IEC 18013-5 section 9.1.3.6): a
 * COSE_Sign1 with detached payload DeviceAuthenticationBytes, which binds the
 * presentation to this session. deviceMac needs a key agreement with the reader and is
 * refused with ERR_UNSUPPORTED_ALGORITHM.
 */
export function verifyDeviceSignature(options: VerifyDeviceSignatureOptions): void {
  const deviceSigned = asMap(options.deviceSigned, 'DeviceSigned')
  const nameSpaces = asTag24(getField(deviceSigned, 'nameSpaces', 'DeviceSigned'), 'DeviceNameSpacesBytes')
  asMap(decodeCbor(nameSpaces.content, 'DeviceNameSpaces'), 'DeviceNameSpaces')
  const deviceAuth = asMap(getField(deviceSigned, 'deviceAuth', 'DeviceSigned'), 'DeviceAuth')
  if (!deviceAuth.has('deviceSignature')) {
    if (deviceAuth.has('deviceMac')) {
      throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'deviceMac is not supported' })
    }
    throw new PolisError('ERR_KB_MISSING')
  }
  const signature = parseCoseSign1(deviceAuth.get('deviceSignature'), 'deviceSignature')
  if (signature.payload !== null) {
    throw new PolisError('ERR_MALFORMED', { detail: 'deviceSignature must have a detached payload' })
  }
  decodeCbor(options.sessionTranscript, 'SessionTranscript')
  // DeviceAuthentication = ["DeviceAuthentication", SessionTranscript, DocType, DeviceNameSpacesBytes],
  // written by hand so that the transcript and the namespaces keep their exact bytes as received.
  const deviceAuthentication = concatBytes(
    encodeHead(4, 4),
    encodeCbor('DeviceAuthentication'),
    options.sessionTranscript,
    encodeCbor(options.docType),
    nameSpaces.bytes,
  )
  verifyCoseSign1(signature, {
    publicKey: options.devicePublicKey,
    detachedPayload: encodeTag24(deviceAuthentication),
    failure: 'ERR_KB_SIGNATURE_INVALID',
  })
}
