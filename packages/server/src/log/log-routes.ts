/**
 * The transparency log published over HTTP: the latest checkpoint with its witnesses'
 * cosignatures, entries, inclusion and consistency proofs, and the door witnesses hand
 * their cosignatures in at. What a size pins never changes, so those answers are cached
 * for good; the latest checkpoint only for a few seconds.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { PolisError } from '@polis/kernel'
import { formatTlogProof } from '@polis/transparency-log'
import { bodyLimit } from 'hono/body-limit'
import { openPlatformLog, type PlatformLog } from '../cli/open-platform-log.ts'
import type { Platform } from '../platform/create-platform.ts'

const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
const errors = {
  400: {
    description:
      'A parameter that is not a number (ERR_BAD_REQUEST), or a size the log has no checkpoint of (ERR_LOG_SIZE_INVALID)',
    content: { 'application/json': { schema: ErrorResponse } },
  },
}
const Size = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,15})$/)
  .transform(Number)
const forever = 'public, max-age=31536000, immutable'
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

const ProofResponse = z
  .object({
    entry: z.record(z.string(), z.unknown()),
    proof: z.string().openapi({ description: 'c2sp.org/tlog-proof@v1, its checkpoint with the cosignatures kept' }),
  })
  .openapi('LogEntryProof')
const ConsistencyResponse = z
  .object({
    old: z.string().openapi({ description: 'The checkpoint of `from`, a signed note' }),
    new: z.string().openapi({ description: 'The checkpoint of `to`, a signed note with its cosignatures' }),
    consistency: z.array(z.string()).openapi({ description: 'RFC 9162 section 2.1.4 proof, base64 hashes' }),
  })
  .openapi('LogConsistencyProof')

/** The log's public routes under /log; `polis log verify` checks what they answer offline. */
export function registerLogRoutes(app: OpenAPIHono, options: { platform: Platform }) {
  const { platform } = options
  let opened: Promise<PlatformLog> | undefined
  const platformLog = () => {
    opened ??= openPlatformLog(platform).catch((error: unknown) => {
      opened = undefined
      throw error
    })
    return opened
  }
  const checkpointOf = async (size: number) => {
    const checkpoint = await (await platformLog()).log.findCheckpoint(size)
    if (!checkpoint) throw new PolisError('ERR_LOG_SIZE_INVALID', { detail: `the log signed no checkpoint of ${size}` })
    return checkpoint
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/checkpoint',
      summary:
        'The latest signed checkpoint of the transparency log (c2sp.org/tlog-checkpoint) with the cosignatures ' +
        'of its witnesses (c2sp.org/tlog-cosignature); the log’s key is at /log/key',
      responses: {
        200: { description: 'A signed note', content: { 'text/plain': { schema: z.string() } } },
      },
    }),
    async (c) => {
      const { log } = await platformLog()
      // A log that never signed one signs its first now, of whatever it holds.
      const checkpoint = (await log.latestCheckpoint()) ?? (await log.checkpointIfDue({ force: true }))
      if (!checkpoint) throw new PolisError('ERR_INTERNAL', { detail: 'the log has no checkpoint' })
      return c.text(checkpoint.note, 200, { 'cache-control': 'public, max-age=5' })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/entries/{index}',
      summary: 'An entry of the transparency log, as its leaf hashes it (no personal data: citizens as keyed tags)',
      request: { params: z.object({ index: Size }) },
      responses: {
        200: {
          description: 'The entry',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const { index } = c.req.valid('param')
      const { log } = await platformLog()
      if (index >= (await log.head()).size) {
        throw new PolisError('ERR_LOG_SIZE_INVALID', { detail: `the log has no entry ${index}` })
      }
      return c.json({ ...(await log.getEntry(index)) } as Record<string, unknown>, 200, { 'cache-control': forever })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/proof/{index}',
      summary:
        'An entry with its inclusion proof (c2sp.org/tlog-proof) against the checkpoint of `size`, by default ' +
        'the latest; `polis log verify` checks it offline',
      request: { params: z.object({ index: Size }), query: z.object({ size: Size.optional() }) },
      responses: {
        200: { description: 'The entry and its proof', content: { 'application/json': { schema: ProofResponse } } },
        ...errors,
      },
    }),
    async (c) => {
      const { index } = c.req.valid('param')
      const { size } = c.req.valid('query')
      const { log } = await platformLog()
      if (size === undefined) {
        if (index >= (await log.head()).size) {
          throw new PolisError('ERR_LOG_SIZE_INVALID', { detail: `the log has no entry ${index}` })
        }
        const { entry, proof } = await log.proveEntry(index)
        return c.json({ entry: { ...entry } as Record<string, unknown>, proof }, 200, { 'cache-control': 'no-cache' })
      }
      const checkpoint = await checkpointOf(size)
      if (index >= size)
        throw new PolisError('ERR_LOG_SIZE_INVALID', { detail: `no entry ${index} in the tree of ${size}` })
      const path = await log.proveInclusion({ index, size })
      const proof = formatTlogProof({ index, path, checkpoint: checkpoint.note })
      const entry = { ...(await log.getEntry(index)) } as Record<string, unknown>
      // Cosignatures may still come for this size: cached a minute, not for good.
      return c.json({ entry, proof }, 200, { 'cache-control': 'public, max-age=60' })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/consistency',
      summary:
        'The proof that the log’s checkpoint of `to` (by default the latest) extends its checkpoint of `from` ' +
        '(RFC 9162 section 2.1.4), with both checkpoints: what a witness checks before it cosigns',
      request: { query: z.object({ from: Size, to: Size.optional() }) },
      responses: {
        200: {
          description: 'Both checkpoints and the proof',
          content: { 'application/json': { schema: ConsistencyResponse } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const query = c.req.valid('query')
      const { log } = await platformLog()
      const newer = query.to === undefined ? await log.latestCheckpoint() : await checkpointOf(query.to)
      if (!newer || query.from > newer.size) {
        throw new PolisError('ERR_LOG_SIZE_INVALID', { detail: `from ${query.from} is past to ${newer?.size ?? 0}` })
      }
      const older = await checkpointOf(query.from)
      const path = await log.proveConsistency({ oldSize: older.size, newSize: newer.size })
      return c.json({ old: older.note, new: newer.note, consistency: path.map(base64) }, 200, {
        'cache-control': query.to === undefined ? 'no-cache' : 'public, max-age=60',
      })
    },
  )

  app.use(
    '/log/cosignature',
    bodyLimit({
      maxSize: 16 * 1024,
      onError: () => {
        throw new PolisError('ERR_TOO_LARGE')
      },
    }),
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/log/cosignature',
      summary:
        'A witness hands in its cosignature of a checkpoint the log signed: the checkpoint’s text with its ' +
        'signature line (c2sp.org/tlog-cosignature); kept only from a witness in POLIS_LOG_WITNESSES',
      request: { body: { content: { 'text/plain': { schema: z.string().max(16 * 1024) } }, required: true } },
      responses: {
        200: {
          description: 'Kept; served with the checkpoint from now on',
          content: {
            'application/json': { schema: z.object({ size: z.number(), witnesses: z.array(z.string()) }) },
          },
        },
        400: {
          description: 'Not a cosignature of a known witness of a checkpoint this log signed (ERR_COSIGNATURE_INVALID)',
          content: { 'application/json': { schema: ErrorResponse } },
        },
      },
    }),
    async (c) => {
      const { log, witnesses } = await platformLog()
      if (witnesses.length === 0) {
        throw new PolisError('ERR_COSIGNATURE_INVALID', { detail: 'this log is configured with no witnesses' })
      }
      const kept = await log.addCosignatures({ note: await c.req.text(), witnesses })
      return c.json(kept, 200, { 'cache-control': 'no-store' })
    },
  )
}
