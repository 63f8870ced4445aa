// The wallet's app shell, kept for offline use. Documents live in IndexedDB, not here;
// API calls always go to the network.
import { serveAppShell } from '@polis/ui/app-shell-worker'

// Replaced at build by the list of built files (@polis/ui/precache-plugin).
serveAppShell({ app: 'wallet', precache: JSON.parse('__POLIS_PRECACHE__') as string[] })
