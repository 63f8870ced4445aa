// Only where the browser's own BarcodeDetector does not read QR codes (Linux, Firefox,
// Safari): ZXing's WebAssembly, from the wallet's own origin rather than a CDN, so that a
// request's QR code reads without the network beyond this instance.
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill'
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url'

prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
})

export { BarcodeDetector }
