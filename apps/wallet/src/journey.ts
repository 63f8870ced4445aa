/**
 * The wallet's journey as one declared state machine (GOV.UK One Login style): every
 * screen is a state, and only the events listed move between them.
 */
export type Screen =
  | { name: 'loading' }
  | { name: 'welcome'; error?: string }
  | { name: 'prove' }
  | { name: 'set-pin'; enrolmentToken: string }
  | { name: 'unlock' }
  | { name: 'receiving'; done: number; total: number }
  | { name: 'documents' }
  | { name: 'document'; id: string }
  | { name: 'show'; id: string }
  | { name: 'history' }
  | { name: 'tx-code' }
  | { name: 'login'; id: string }
  | { name: 'sign'; id: string }
  | { name: 'signatures' }
  | { name: 'settings' }
  | { name: 'services' }
  | { name: 'service'; code: string }
  | { name: 'applications' }
  | { name: 'application'; id: string; from: 'applications' | 'inbox' | 'service' | 'payment' }
  | { name: 'inbox' }
  | { name: 'data-tracker' }
  | { name: 'share'; link: string }
  | { name: 'shares' }
  | { name: 'error'; message: string }

export type Event =
  | { type: 'no-device' }
  | { type: 'device-found' }
  | { type: 'enrolment-returned'; enrolmentToken: string }
  | { type: 'enrolment-failed'; code: string }
  | { type: 'start' }
  | { type: 'enrolled' }
  | { type: 'unlocked' }
  | { type: 'locked-out' }
  | { type: 'progress'; done: number; total: number }
  | { type: 'received' }
  | { type: 'open-document'; id: string }
  | { type: 'open-settings' }
  | { type: 'show-document'; id: string }
  | { type: 'open-history' }
  | { type: 'offer-needs-code' }
  | { type: 'open-login'; id: string }
  | { type: 'open-sign'; id: string }
  | { type: 'open-signatures' }
  | { type: 'device-revoked' }
  | { type: 'open-services' }
  | { type: 'open-service'; code: string }
  | { type: 'open-applications' }
  | { type: 'open-application'; id: string }
  | { type: 'open-inbox' }
  | { type: 'open-data-tracker' }
  | { type: 'open-share'; link: string }
  | { type: 'open-shares' }
  | { type: 'submitted'; id: string }
  | { type: 'payment-returned'; id: string }
  | { type: 'back' }
  | { type: 'refresh' }
  | { type: 'failed'; message: string }

const transitions: {
  [S in Screen['name']]?: {
    [E in Event['type']]?: (event: Extract<Event, { type: E }>, screen: Extract<Screen, { name: S }>) => Screen
  }
} = {
  loading: {
    'no-device': () => ({ name: 'welcome' }),
    'device-found': () => ({ name: 'unlock' }),
    'enrolment-returned': (e) => ({ name: 'set-pin', enrolmentToken: e.enrolmentToken }),
    'enrolment-failed': (e) => ({ name: 'welcome', error: e.code }),
  },
  welcome: { start: () => ({ name: 'prove' }) },
  prove: { back: () => ({ name: 'welcome' }) },
  'set-pin': {
    enrolled: () => ({ name: 'receiving', done: 0, total: 0 }),
    failed: (e) => ({ name: 'error', message: e.message }),
  },
  unlock: { unlocked: () => ({ name: 'documents' }), 'locked-out': () => ({ name: 'welcome', error: 'locked-out' }) },
  receiving: {
    progress: (e) => ({ name: 'receiving', done: e.done, total: e.total }),
    received: () => ({ name: 'documents' }),
    failed: (e) => ({ name: 'error', message: e.message }),
    'device-revoked': () => ({ name: 'welcome', error: 'device-revoked' }),
  },
  documents: {
    'open-document': (e) => ({ name: 'document', id: e.id }),
    'open-settings': () => ({ name: 'settings' }),
    'open-history': () => ({ name: 'history' }),
    'offer-needs-code': () => ({ name: 'tx-code' }),
    'open-login': (e) => ({ name: 'login', id: e.id }),
    'open-sign': (e) => ({ name: 'sign', id: e.id }),
    'open-signatures': () => ({ name: 'signatures' }),
    'open-services': () => ({ name: 'services' }),
    'open-applications': () => ({ name: 'applications' }),
    'open-inbox': () => ({ name: 'inbox' }),
    'open-data-tracker': () => ({ name: 'data-tracker' }),
    'open-shares': () => ({ name: 'shares' }),
    // A business's request opened from its link, on unlocking.
    'open-share': (e) => ({ name: 'share', link: e.link }),
    // On unlocking: back from the payment provider's page, or to a form left open when the app was closed.
    'payment-returned': (e) => ({ name: 'application', id: e.id, from: 'payment' }),
    'open-service': (e) => ({ name: 'service', code: e.code }),
    failed: (e) => ({ name: 'error', message: e.message }),
    refresh: () => ({ name: 'receiving', done: 0, total: 0 }),
    'device-revoked': () => ({ name: 'welcome', error: 'device-revoked' }),
  },
  settings: {
    back: () => ({ name: 'documents' }),
    'device-revoked': () => ({ name: 'welcome', error: 'device-revoked' }),
  },
  document: {
    back: () => ({ name: 'documents' }),
    'show-document': (e) => ({ name: 'show', id: e.id }),
  },
  show: { back: (_e, screen) => ({ name: 'document', id: screen.id }) },
  history: { back: () => ({ name: 'documents' }) },
  login: { back: () => ({ name: 'documents' }), 'locked-out': () => ({ name: 'welcome', error: 'locked-out' }) },
  sign: {
    back: () => ({ name: 'documents' }),
    'open-signatures': () => ({ name: 'signatures' }),
    'locked-out': () => ({ name: 'welcome', error: 'locked-out' }),
  },
  signatures: { back: () => ({ name: 'documents' }) },
  // E-services: the catalogue, a service's form, the citizen's applications and inbox.
  services: {
    back: () => ({ name: 'documents' }),
    'open-service': (e) => ({ name: 'service', code: e.code }),
    'open-applications': () => ({ name: 'applications' }),
    'open-inbox': () => ({ name: 'inbox' }),
    'device-revoked': () => ({ name: 'welcome', error: 'device-revoked' }),
  },
  service: {
    back: () => ({ name: 'services' }),
    submitted: (e) => ({ name: 'application', id: e.id, from: 'service' }),
    'device-revoked': () => ({ name: 'welcome', error: 'device-revoked' }),
  },
  applications: {
    back: () => ({ name: 'documents' }),
    'open-application': (e) => ({ name: 'application', id: e.id, from: 'applications' }),
    'open-services': () => ({ name: 'services' }),
    'device-revoked': () => ({ name: 'welcome', error: 'device-revoked' }),
  },
  // Back from an application goes where it was opened from; after submitting, to the list.
  application: {
    back: (_e, screen) => ({ name: screen.from === 'inbox' ? 'inbox' : 'applications' }),
    // A document the application issued is received as on the documents screen.
    refresh: () => ({ name: 'receiving', done: 0, total: 0 }),
    'open-applications': () => ({ name: 'applications' }),
    // A bundle's part, or a part's bundle: back still goes where the first was opened from.
    'open-application': (e, screen) => ({
      name: 'application',
      id: e.id,
      from: screen.from === 'inbox' ? 'inbox' : 'applications',
    }),
    'device-revoked': () => ({ name: 'welcome', error: 'device-revoked' }),
  },
  'data-tracker': {
    back: () => ({ name: 'documents' }),
    'device-revoked': () => ({ name: 'welcome', error: 'device-revoked' }),
  },
  inbox: {
    back: () => ({ name: 'documents' }),
    'open-application': (e) => ({ name: 'application', id: e.id, from: 'inbox' }),
    'device-revoked': () => ({ name: 'welcome', error: 'device-revoked' }),
  },
  // Sharing with businesses: a request, answered or declined, then the record of every share.
  share: {
    back: () => ({ name: 'documents' }),
    'open-shares': () => ({ name: 'shares' }),
    'locked-out': () => ({ name: 'welcome', error: 'locked-out' }),
  },
  shares: { back: () => ({ name: 'documents' }), 'open-share': (e) => ({ name: 'share', link: e.link }) },
  'tx-code': { refresh: () => ({ name: 'receiving', done: 0, total: 0 }), back: () => ({ name: 'documents' }) },
  error: { back: () => ({ name: 'documents' }), start: () => ({ name: 'welcome' }) },
}

/** The next screen; an event the current screen does not expect changes nothing. */
export function advance(screen: Screen, event: Event): Screen {
  const handler = transitions[screen.name]?.[event.type] as ((event: Event, screen: Screen) => Screen) | undefined
  return handler ? handler(event, screen) : screen
}
