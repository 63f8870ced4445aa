import { deviceFetch } from './api.ts'
import { createDeviceKey, signJwt } from './device-key.ts'
import { type DeviceRecord, findSigningKey, type SigningRecord, saveSigningKey } from './wallet-store.ts'

interface IssuedCertificate {
  certificate: string
  serialNumber: string
  notAfter: string
  subject: string
}

/** Whether the wallet holds a certificate for its signing key that is still in force. */
export function hasSigningCertificate(record: SigningRecord | undefined, now: Date): boolean {
  return record?.certificate !== undefined && record.notAfter !== undefined && new Date(record.notAfter) > now
}

async function obtain(device: DeviceRecord, renew: boolean): Promise<SigningRecord> {
  const held = await findSigningKey()
  if (!renew && held && hasSigningCertificate(held, new Date())) return held
  // A key never certified is tried again; a certified one is replaced, never certified twice.
  let record = held
  if (!record || record.certificate !== undefined) {
    // The same kind of key as the device key: P-256, made by WebCrypto, never extractable.
    record = await createDeviceKey()
    await saveSigningKey(record)
  }
  // Proof that this wallet holds the key it asks a certificate for, bound to this device and instance.
  const proof = await signJwt(
    record.keys.privateKey,
    { typ: 'polis-signing-key+jwt' },
    { aud: location.origin, iat: Math.floor(Date.now() / 1000), device: device.deviceId },
  )
  const issued = await deviceFetch<IssuedCertificate>(device, '/api/wallet/signing-certificate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ publicJwk: record.publicJwk, proof }),
  })
  const certified: SigningRecord = {
    ...record,
    certificate: issued.certificate,
    serialNumber: issued.serialNumber,
    notAfter: issued.notAfter,
  }
  await saveSigningKey(certified)
  return certified
}

let running: Promise<SigningRecord> | undefined

/**
 * The wallet's signing key with its certificate: made and certified by the platform
 * when there is none yet (or it has expired), or, with `renew`, anew because the
 * platform holds none in force for this phone. One request runs at a time.
 */
export function obtainSigningCertificate(
  device: DeviceRecord,
  options: { renew?: boolean } = {},
): Promise<SigningRecord> {
  running ??= obtain(device, options.renew ?? false).finally(() => {
    running = undefined
  })
  return running
}
