import { z } from 'zod'

/** An address in Ukraine as a citizen gives it in an application; the registers add the country. */
export const AddressAnswer = z.object({
  region: z.string().trim().min(1).max(100),
  locality: z.string().trim().min(1).max(100),
  locality_type: z.enum(['м.', 'смт', 'с.', '']).default('м.'),
  street: z.string().trim().min(1).max(100),
  house_number: z.string().trim().min(1).max(10),
  apartment: z
    .string()
    .trim()
    .max(10)
    .nullish()
    .transform((value) => value || null),
  postal_code: z.string().regex(/^\d{5}$/),
})
