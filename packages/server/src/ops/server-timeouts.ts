import type { ServerOptions } from 'node:http'

/**
 * How long a client gets to send a request, so that connections trickling bytes (slowloris)
 * cannot hold the process's sockets: ten seconds for the headers, two minutes for the whole
 * request (a 10 MiB document to sign, base64 in JSON, over a slow phone line), checked every second rather
 * than Node's thirty. Each is refused with 408 and the connection closed.
 */
export const serverTimeouts = {
  headersTimeout: 10_000,
  requestTimeout: 120_000,
  connectionsCheckingInterval: 1_000,
} as const satisfies ServerOptions
