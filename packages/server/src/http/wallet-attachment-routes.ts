import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { PolisError } from '@polis/kernel'
import {
  defaultMaxBytes,
  discardAttachment,
  findAttachments,
  storeAttachment,
  unusedAttachments,
} from '@polis/services'
import { bodyLimit } from 'hono/body-limit'
import type { Platform } from '../platform/create-platform.ts'
import type { ServiceEngine } from '../services/create-service-engine.ts'
import { deviceAuthenticator } from './device-auth.ts'
import { rateLimit } from './rate-limit.ts'

export interface WalletAttachmentRoutesOptions {
  platform: Platform
  engine: ServiceEngine
  log: (line: Record<string, unknown>) => void
}

/** The upload path, which sets its own body limit (the file question's) instead of the API's 512 KB. */
export const walletUploadPath = /^\/api\/wallet\/services\/[^/]+\/attachments\/[^/]+$/

const noStore = { 'cache-control': 'no-store' }
const device = [{ device: [] }]
const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
const errors = (statuses: Array<400 | 401 | 404 | 413 | 422 | 429>) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: 'Error (docs/errors.md)', content: { 'application/json': { schema: ErrorResponse } } },
    ]),
  )
const Attachment = z
  .object({
    id: z.string(),
    fieldId: z.string(),
    fileName: z.string(),
    mediaType: z.string(),
    size: z.number(),
  })
  .openapi('WalletAttachment')
const Params = z.object({ code: z.string().max(64), field: z.string().max(64) })

/**
 * Files in the wallet: a `file` question's upload (checked as the portal checks it: the
 * kind by the file's own bytes, its size, a clean name; at most 60 uploads in ten
 * minutes from one address), the files kept for the citizen's application to come (to
 * show again after the app restarts), and removing one. Its id is the answer the
 * application is submitted with; on submission it becomes that one application's.
 */
export function registerWalletAttachmentRoutes(app: OpenAPIHono, options: WalletAttachmentRoutesOptions): void {
  const { platform, engine, log } = options
  const authenticate = deviceAuthenticator(platform)
  const uploadPath = '/api/wallet/services/:code/attachments/:field'

  /** The file question a path names; any other field, or a service without it, is not found. */
  const fileField = (code: string, fieldId: string) => {
    const field = engine
      .find(code)
      .pages.flatMap((p) => p.fields)
      .find((f) => f.id === fieldId && f.type === 'file')
    if (!field) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such file question' })
    return field
  }

  // Files are stored: as on the portal, 60 uploads in ten minutes from one address.
  app.post(
    uploadPath,
    rateLimit({ store: platform.store, now: platform.now, name: 'wallet-upload', limit: 60, windowSeconds: 600, log }),
  )
  // The body may be as large as the question's file, and a little more; a larger one is refused before it is read.
  app.post(uploadPath, (c, next) => {
    const field = fileField(c.req.param('code') ?? '', c.req.param('field') ?? '')
    return bodyLimit({
      maxSize: (field.maxBytes ?? defaultMaxBytes) + 64 * 1024,
      onError: () => {
        throw new PolisError('ERR_ATTACHMENT_TOO_LARGE')
      },
    })(c, next)
  })

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/services/{code}/attachments/{field}',
      summary: 'Upload the file a file question asks for; `replaces` names an earlier upload that goes',
      security: device,
      request: {
        params: Params,
        body: {
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z.any().openapi({ type: 'string', format: 'binary' }),
                replaces: z.string().max(64).optional(),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        201: {
          description: 'Kept for the application to come',
          content: { 'application/json': { schema: Attachment } },
        },
        ...errors([400, 401, 404, 413, 422, 429]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const { code, field: fieldId } = c.req.valid('param')
      const field = fileField(code, fieldId)
      const form = c.req.valid('form') as { file?: unknown; replaces?: unknown }
      if (!(form.file instanceof File)) throw new PolisError('ERR_ATTACHMENT_EMPTY', { detail: 'no file part' })
      const kept = await storeAttachment(platform.store, {
        citizenId: me.citizenId,
        serviceCode: code,
        field,
        file: { name: form.file.name, bytes: new Uint8Array(await form.file.arrayBuffer()) },
        now: platform.now,
      })
      // The file it replaces is not kept: a citizen holds one unsubmitted file per question.
      if (typeof form.replaces === 'string' && form.replaces !== kept.id) {
        await discardAttachment(platform.store, me.citizenId, form.replaces)
      }
      return c.json(kept, 201, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/services/{code}/attachments',
      summary: 'The files the citizen uploaded to this service that no application has taken yet',
      security: device,
      request: { params: z.object({ code: z.string().max(64) }) },
      responses: {
        200: { description: 'Files', content: { 'application/json': { schema: z.array(Attachment) } } },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const definition = engine.find(c.req.valid('param').code)
      const files = await unusedAttachments(platform.store, definition, me.citizenId)
      return c.json(Object.values(files), 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/wallet/attachments/{id}',
      summary: 'Remove a file the citizen uploaded and has not submitted (one an application took stays)',
      security: device,
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: {
        200: {
          description: 'Removed',
          content: { 'application/json': { schema: z.object({ id: z.string(), removed: z.boolean() }) } },
        },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const { id } = c.req.valid('param')
      // Only the citizen's own: anyone else's is not found, and nothing is said of it.
      const own = await findAttachments(platform.store, me.citizenId, [id])
      if (!own[id]) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such attachment' })
      await discardAttachment(platform.store, me.citizenId, id)
      // One an application took meanwhile stays with it: only an unsubmitted file is removed.
      const left = await findAttachments(platform.store, me.citizenId, [id])
      return c.json({ id, removed: !left[id] }, 200, noStore)
    },
  )
}
