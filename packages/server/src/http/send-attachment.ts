import type { AttachmentSummary } from '@polis/services'

/**
 * A citizen's file as a download, never shown in the page: its stored kind (checked by
 * its bytes when it came), no sniffing, and a CSP under which nothing in it runs.
 */
export function sendAttachment(file: AttachmentSummary & { content: Uint8Array<ArrayBuffer> }): Response {
  // An ASCII name for old browsers, the real one as RFC 8187 (UTF-8) for the rest.
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return new Response(file.content, {
    status: 200,
    headers: {
      'content-type': file.mediaType,
      'content-length': String(file.content.length),
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy':
        "default-src 'none'; sandbox; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
  })
}
