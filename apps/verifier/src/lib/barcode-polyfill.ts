// Loaded only where the browser has no BarcodeDetector that reads QR codes. ZXing's
// WebAssembly is served from this app's own origin (and stored by the service worker for
// offline use), never from the CDN the package would otherwise fetch it from.
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill'
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url'

prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
})

export { BarcodeDetector }
