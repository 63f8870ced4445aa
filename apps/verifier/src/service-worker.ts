// The verifier's app shell, kept for offline use: every built file, the QR reader's
// WebAssembly included, is stored at install. Trust data lives in IndexedDB, not here.
import { serveAppShell } from '@polis/ui/app-shell-worker'

// Replaced at build by the list of built files (@polis/ui/precache-plugin).
serveAppShell({ app: 'verifier', precache: JSON.parse('__POLIS_PRECACHE__') as string[] })
