/** What a citizen owes: one fine, debt or tax, from the register that bills it (migration 0018). */
export interface DebtTable {
  /** Stable id, e.g. `debt-123`. */
  id: string
  citizen_id: string
  /** The register that keeps it: `police-fines`, `municipality`, `courts`, `enforcement` or `tax`. */
  registry: string
  /** `traffic-fine`, `parking-fine`, `court-fine`, `enforcement-debt`, `sole-proprietor-tax` or `property-tax`. */
  kind: string
  /** The decision's or proceeding's number, as printed on its notice. */
  number: string
  /** What it is for, in Ukrainian as the register keeps it. */
  description: string
  issued_on: string
  due_on: string
  /** In minor units (kopiykas). */
  amount: number
  currency: string
  authority: string
  /** JSON: what the kind adds (a vehicle plate and article, a case, a proceeding, a quarter, a property). */
  details: string
  status: 'due' | 'paid'
  paid_at: string | null
  /** The payment that closed it. */
  payment_id: string | null
}
