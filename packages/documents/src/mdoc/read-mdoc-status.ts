import { PolisError } from '@polis/kernel'
import { asMap, asTag24, asText, asUint, decodeCbor, getField, maxMdocBytes } from './decode-cbor.ts'
import { parseCoseSign1 } from './parse-cose-sign1.ts'

/**
 * Reads the status-list reference of an issued mdoc (IssuerSigned) without verifying
 * it: what an operator needs to revoke a credential the instance issued itself.
 */
export function readMdocStatus(data: Uint8Array): { uri: string; idx: number } | undefined {
  if (data.length > maxMdocBytes) throw new PolisError('ERR_TOO_LARGE')
  const issuerSigned = asMap(decodeCbor(data, 'IssuerSigned'), 'IssuerSigned')
  const issuerAuth = parseCoseSign1(getField(issuerSigned, 'issuerAuth', 'IssuerSigned'), 'issuerAuth')
  if (!issuerAuth.payload) throw new PolisError('ERR_MALFORMED', { detail: 'issuerAuth has no payload' })
  const msoBytes = asTag24(decodeCbor(issuerAuth.payload, 'MobileSecurityObjectBytes'), 'MobileSecurityObjectBytes')
  const mso = asMap(decodeCbor(msoBytes.content, 'MobileSecurityObject'), 'MobileSecurityObject')
  if (!mso.has('status')) return undefined
  const statusList = asMap(getField(asMap(mso.get('status'), 'MSO status'), 'status_list', 'MSO status'), 'status_list')
  return {
    idx: asUint(getField(statusList, 'idx', 'status_list'), 'status_list idx'),
    uri: asText(getField(statusList, 'uri', 'status_list'), 'status_list uri'),
  }
}
