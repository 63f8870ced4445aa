/** Reads the text of the first QR code in a camera frame or an image, if there is one. */
export type QrReader = (source: ImageBitmapSource) => Promise<string | undefined>

interface Detector {
  detect(source: ImageBitmapSource): Promise<Array<{ rawValue: string }>>
}
interface DetectorClass {
  new (options: { formats: ['qr_code'] }): Detector
  getSupportedFormats(): Promise<readonly string[]>
}

let reader: Promise<QrReader> | undefined

/**
 * The browser's own BarcodeDetector where it reads QR codes (Android, macOS, ChromeOS),
 * else the ZXing polyfill, fetched on first use so that it is not in the initial load.
 */
export function loadQrReader(): Promise<QrReader> {
  reader ??= (async () => {
    const native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector
    const formats = native ? await native.getSupportedFormats().catch(() => []) : []
    const Detector: DetectorClass =
      native && formats.includes('qr_code') ? native : (await import('./barcode-polyfill.ts')).BarcodeDetector
    const detector = new Detector({ formats: ['qr_code'] })
    return async (source) => (await detector.detect(source)).find((code) => code.rawValue !== '')?.rawValue
  })()
  reader.catch(() => {
    reader = undefined
  })
  return reader
}
