/** What Polis ID's pages read of a request, and the error for a sign-in that is not this browser's. */
import type { IncomingMessage } from 'node:http'

const maxFormBytes = 4096
const maxJsonBytes = 16 * 1024
/** A sign-in that is over, expired or foreign to this browser: the citizen's everyday mistake. */
export class NotThisSignIn extends Error {}

/** The request body as text when it has the content type given and is no longer than `maxBytes`. */
async function readBody(req: IncomingMessage, type: string, maxBytes: number): Promise<string | undefined> {
  if (!(req.headers['content-type'] ?? '').startsWith(type)) return undefined
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const body = await readBody(req, 'application/x-www-form-urlencoded', maxFormBytes)
  return body === undefined ? undefined : new URLSearchParams(body)
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, 'application/json', maxJsonBytes)
  try {
    return body === undefined ? undefined : JSON.parse(body)
  } catch {
    return undefined
  }
}
