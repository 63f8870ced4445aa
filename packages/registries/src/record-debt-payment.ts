/**
 * The registers' write for pay services: a payment closes one debt (a fine, a debt, a
 * tax due), once. The item must be the citizen's, still due, and the amount paid must be
 * what it says; closing is one conditional write, so of two payments racing for one
 * item the second finds it paid (ERR_ALREADY_PAID) and its money goes back.
 */
import { PolisError, type RegistryName } from '@polis/kernel'
import { z } from 'zod'
import type { Operation } from './registry-operations.ts'

const Payment = z.object({
  item: z.string().min(1).max(64),
  payment: z.string().min(1).max(64),
  amount: z.number().int().min(1),
})

function recordDebtPayment(registry: RegistryName): Operation {
  return async (store, citizenId, values, now) => {
    const parsed = Payment.safeParse(values)
    if (!parsed.success) throw new PolisError('ERR_BAD_REQUEST', { detail: 'an item, a payment and its amount' })
    const { item, payment, amount } = parsed.data
    const closed = await store.db
      .updateTable('debts')
      .set({ status: 'paid', paid_at: now.toISOString(), payment_id: payment })
      .where('id', '=', item)
      .where('citizen_id', '=', citizenId)
      .where('registry', '=', registry)
      .where('status', '=', 'due')
      .where('amount', '=', amount)
      .executeTakeFirst()
    if (Number(closed.numUpdatedRows) === 1) return
    const row = await store.db
      .selectFrom('debts')
      .select(['status', 'payment_id', 'amount'])
      .where('id', '=', item)
      .where('citizen_id', '=', citizenId)
      .where('registry', '=', registry)
      .executeTakeFirst()
    if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: `no such item in ${registry}` })
    // The same payment told twice (a retry after a crash): it closed the item already.
    if (row.status === 'paid' && row.payment_id === payment) return
    if (row.status === 'paid') throw new PolisError('ERR_ALREADY_PAID')
    throw new PolisError('ERR_AMOUNT_CHANGED', { detail: `paid ${amount}, due ${row.amount}` })
  }
}

/** `record-payment` of every register that bills citizens. */
export const debtOperations: Partial<Record<RegistryName, Record<string, Operation>>> = {
  'police-fines': { 'record-payment': recordDebtPayment('police-fines') },
  municipality: { 'record-payment': recordDebtPayment('municipality') },
  courts: { 'record-payment': recordDebtPayment('courts') },
  enforcement: { 'record-payment': recordDebtPayment('enforcement') },
  tax: { 'record-payment': recordDebtPayment('tax') },
}
