import { z } from 'zod'

/** Where a credential's status lives: a Status List Token URI and an index in it (section 6.2). */
export const StatusReference = z.object({
  idx: z.number().int().nonnegative(),
  uri: z.string().refine((uri) => URL.canParse(uri), 'must be an absolute URI'),
})
export type StatusReference = z.infer<typeof StatusReference>

/**
 * The `status` claim of a Referenced Token using the status_list mechanism (section 6.2).
 * Other members of `status` and of `status_list` are allowed (section 6.1) and dropped.
 */
export const StatusClaim = z.object({ status_list: StatusReference })
export type StatusClaim = z.infer<typeof StatusClaim>
