import { accountClaims } from '@polis/demo-bank'
import { approveBusiness, registerBusiness } from '../business/businesses.ts'
import type { Platform } from '../platform/create-platform.ts'

/** A citizen made an official with the `approver` role (signing in is tested in office.test.ts). */
export async function insertApprover(
  platform: Platform,
  options: { citizenId: string; agency?: string },
): Promise<string> {
  await platform.store.db
    .insertInto('officials')
    .values({
      citizen_id: options.citizenId,
      agency: options.agency ?? 'tax-service',
      roles: JSON.stringify(['approver']),
      totp_secret_sealed: '',
      last_totp_step: null,
      failed_attempts: 0,
      locked_until: null,
      created_at: platform.now().toISOString(),
      disabled_at: null,
    })
    .execute()
  return options.citizenId
}

/**
 * A business of the register (Demo Bank, `40000017`, unless another number is given)
 * registered for `open-account` with the ID card's `claims`, and approved by `approver`,
 * as `polis businesses add` and `approve` do.
 */
export async function approvedBusiness(
  platform: Platform,
  options: {
    approver: string
    registerNumber?: string
    claims?: readonly string[]
    descriptions?: Partial<Record<'en' | 'uk' | 'et', string>>
  },
) {
  const business = await registerBusiness(platform, {
    registerNumber: options.registerNumber ?? '40000017',
    contactEmail: 'partners@bank.example',
    privacyEmail: 'dpo@bank.example',
    purposes: [
      {
        id: 'open-account',
        description: 'To open an account',
        ...(options.descriptions ? { descriptions: options.descriptions } : {}),
        documents: [{ document: 'id-card', claims: [...(options.claims ?? accountClaims)] }],
      },
    ],
  })
  return approveBusiness(platform, { id: business.id, official: options.approver })
}
