import { checkPin, maxPinFailures } from './pin.ts'
import { type DeviceRecord, saveDevice, wipeWallet } from './wallet-store.ts'

/**
 * One try of the PIN, counted on the device: right resets the count; wrong counts, and
 * the fifth wrong try wipes the wallet (it is then enrolled again). Answers the outcome,
 * with the tries left after a wrong one.
 */
export async function tryPin(
  device: DeviceRecord,
  pin: string,
): Promise<{ outcome: 'right' } | { outcome: 'wrong'; left: number } | { outcome: 'locked-out' }> {
  if (await checkPin(pin, device.pin)) {
    device.pin.failures = 0
    await saveDevice(device)
    return { outcome: 'right' }
  }
  device.pin.failures += 1
  if (device.pin.failures >= maxPinFailures) {
    await wipeWallet()
    return { outcome: 'locked-out' }
  }
  await saveDevice(device)
  return { outcome: 'wrong', left: maxPinFailures - device.pin.failures }
}
