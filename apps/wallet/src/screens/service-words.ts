import type { Key } from '../messages.ts'

/** The catalogue's categories in the order the services screen lists them, each with its name's key. */
export const categoryKeys: Record<string, Key> = {
  documents: 'categoryDocuments',
  residence: 'categoryResidence',
  family: 'categoryFamily',
  social: 'categorySocial',
  health: 'categoryHealth',
  education: 'categoryEducation',
  transport: 'categoryTransport',
  taxes: 'categoryTaxes',
  property: 'categoryProperty',
  business: 'categoryBusiness',
  justice: 'categoryJustice',
  civic: 'categoryCivic',
  migration: 'categoryMigration',
}
export const categoryOrder = Object.keys(categoryKeys)

const statusKeys: Record<string, Key> = {
  submitted: 'appStatusSubmitted',
  'awaiting-payment': 'appStatusAwaitingPayment',
  'in-review': 'appStatusInReview',
  'info-requested': 'appStatusInfoRequested',
  approved: 'appStatusApproved',
  rejected: 'appStatusRejected',
  completed: 'appStatusCompleted',
  'in-progress': 'appStatusInProgress',
}

/** The key of an application status's name; a status the wallet does not know yet reads as submitted. */
export const statusKey = (status: string): Key => statusKeys[status] ?? 'appStatusSubmitted'

/** How a status looks: good, bad, waiting on the citizen, or in progress. */
export function statusTone(status: string): 'good' | 'bad' | 'action' | 'progress' {
  if (status === 'approved' || status === 'completed') return 'good'
  if (status === 'rejected') return 'bad'
  if (status === 'awaiting-payment' || status === 'info-requested') return 'action'
  return 'progress'
}

const eventKeys: Record<string, Key> = {
  submitted: 'eventSubmitted',
  prefilled: 'eventPrefilled',
  queued: 'eventQueued',
  assigned: 'eventAssigned',
  'payment-requested': 'eventPaymentRequested',
  paid: 'eventPaid',
  refunded: 'eventRefunded',
  'info-requested': 'eventInfoRequested',
  'info-given': 'eventInfoGiven',
  decided: 'eventDecided',
  'output-issued': 'eventOutputIssued',
  completed: 'eventCompleted',
  'bundle-started': 'eventBundleStarted',
  'part-started': 'eventPartStarted',
  'part-skipped': 'eventPartSkipped',
  'part-refused': 'eventPartRefused',
  'part-cancelled': 'eventPartCancelled',
  'stage-passed': 'eventStagePassed',
}

/** The key of a history step's name. */
export const eventKey = (type: string): Key => eventKeys[type] ?? 'eventOther'

/** The short reference the portal and the office also show: the id's first eight characters. */
export const referenceOf = (id: string) => id.slice(0, 8).toUpperCase()
