interface QrDetector {
  detect(source: ImageBitmapSource): Promise<Array<{ rawValue: string }>>
}
interface QrDetectorClass {
  new (options: { formats: ['qr_code'] }): QrDetector
  getSupportedFormats(): Promise<readonly string[]>
}

let detector: Promise<QrDetector> | undefined

/** The browser's BarcodeDetector where it knows QR codes, else the polyfill, loaded on first use. */
function loadDetector(): Promise<QrDetector> {
  detector ??= (async () => {
    const native = (globalThis as { BarcodeDetector?: QrDetectorClass }).BarcodeDetector
    const formats = native ? await native.getSupportedFormats().catch(() => []) : []
    const Detector: QrDetectorClass =
      native && formats.includes('qr_code') ? native : (await import('./barcode-polyfill.ts')).BarcodeDetector
    return new Detector({ formats: ['qr_code'] })
  })()
  detector.catch(() => {
    detector = undefined
  })
  return detector
}

/** The text of the first QR code in a camera frame or a picture, if there is one. */
export async function readQrCode(source: ImageBitmapSource): Promise<string | undefined> {
  const found = await (await loadDetector()).detect(source)
  return found.find((code) => code.rawValue !== '')?.rawValue
}

/** The text of the first QR code in a picture (a photo of a business's screen), if there is one. */
export async function readQrImage(image: Blob): Promise<string | undefined> {
  const bitmap = await createImageBitmap(image)
  try {
    return await readQrCode(bitmap)
  } finally {
    bitmap.close()
  }
}
