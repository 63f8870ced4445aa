/**
 * A `fetch` for the benches' browsers and relying parties: node:http on kept-alive loopback
 * sockets, answering a WHATWG `Response` as fetch does. Node's own fetch (undici) costs a
 * request several times the CPU of node:http, and the benches' clients share the two cores
 * with the server they measure: its cost would be counted against the server. Bodies are
 * read whole (the benches' answers are small), redirects are never followed (the callers
 * follow them by hand, as `redirect: 'manual'` asks).
 */
import { Agent, request } from 'node:http'

export type LoopbackFetch = (
  url: string | URL,
  init?: {
    method?: string
    headers?: Record<string, string>
    body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null | undefined
    redirect?: 'manual' | undefined
  },
) => Promise<Response>

/** Statuses whose answer has no body (a `Response` refuses one). */
const bodiless = new Set([101, 204, 205, 304])

export function createLoopbackFetch(options: { sockets: number }): LoopbackFetch {
  const agent = new Agent({ keepAlive: true, maxSockets: options.sockets })
  return (url, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url)
      if (target.protocol !== 'http:') throw new Error('loopback fetch speaks plain HTTP only')
      const headers: Record<string, string> = { ...init.headers }
      let body: string | Uint8Array | undefined
      if (init.body instanceof URLSearchParams) {
        body = init.body.toString()
        if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
          headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8'
        }
      } else if (init.body instanceof ArrayBuffer) body = new Uint8Array(init.body)
      else if (init.body instanceof ReadableStream) throw new Error('loopback fetch sends whole bodies only')
      else if (init.body !== null) body = init.body
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body))
      const call = request(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: init.method ?? 'GET',
          headers,
          agent,
        },
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('error', reject)
          incoming.on('end', () => {
            const answered = new Headers()
            const raw = incoming.rawHeaders
            for (let i = 0; i + 1 < raw.length; i += 2) answered.append(raw[i] as string, raw[i + 1] as string)
            const status = incoming.statusCode ?? 500
            resolve(
              new Response(bodiless.has(status) ? null : Buffer.concat(chunks), {
                status,
                statusText: incoming.statusMessage ?? '',
                headers: answered,
              }),
            )
          })
        },
      )
      call.on('error', reject)
      call.end(body)
    })
}
