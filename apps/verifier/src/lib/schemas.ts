import * as z from 'zod/mini'

// Everything the verifier reads from the network is parsed here once; inside, it is trusted.

const localized = z.object({ uk: z.string(), en: z.string(), et: z.string() })

/** The national anchor as `/trust/anchor.jwk` serves it: a public key, nothing private kept. */
export const AnchorJwk = z.pipe(
  z.looseObject({
    kty: z.enum(['EC', 'OKP', 'RSA']),
    crv: z.optional(z.string()),
    x: z.optional(z.string()),
    y: z.optional(z.string()),
    n: z.optional(z.string()),
    e: z.optional(z.string()),
    alg: z.optional(z.string()),
  }),
  z.transform(
    ({ kty, crv, x, y, n, e, alg }): JsonWebKey => ({
      kty,
      ...(crv === undefined ? {} : { crv }),
      ...(x === undefined ? {} : { x }),
      ...(y === undefined ? {} : { y }),
      ...(n === undefined ? {} : { n }),
      ...(e === undefined ? {} : { e }),
      ...(alg === undefined ? {} : { alg }),
    }),
  ),
)

/** `/status/lists`: every status list the verifier keeps a copy of, with its issuer. */
export const StatusListIndex = z.object({
  lists: z.array(z.object({ uri: z.url({ protocol: /^https?$/ }), issuer: z.string() })),
})
export type StatusListIndex = z.infer<typeof StatusListIndex>

/** `POST /api/share-codes/redeem`: what the holder's one-time code disclosed. */
export const RedeemedShareCode = z.object({
  documentType: z.string(),
  issuer: z.union([z.string(), z.looseObject({ id: z.string(), name: localized })]),
  claims: z.record(z.string(), z.unknown()),
  validUntil: z.iso.datetime({ offset: true }),
})
export type RedeemedShareCode = z.infer<typeof RedeemedShareCode>

/** The error body every Polis API answers a failure with. */
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
