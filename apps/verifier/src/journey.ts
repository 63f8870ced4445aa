import type { Verdict } from './lib/verdict.ts'

/**
 * The verifier's journey as one declared state machine (GOV.UK One Login style): every
 * screen is a state, and only the events listed move between them.
 */
export type Screen =
  | { name: 'scan' }
  | { name: 'type-code' }
  | { name: 'checking' }
  | { name: 'verdict'; verdict: Verdict }
  | { name: 'settings' }

export type Event =
  | { type: 'type-code' }
  | { type: 'checking' }
  | { type: 'checked'; verdict: Verdict }
  | { type: 'scan-next' }
  | { type: 'open-settings' }
  | { type: 'back' }

const toSettings = () => ({ name: 'settings' }) as const

const transitions: {
  [S in Screen['name']]?: { [E in Event['type']]?: (event: Extract<Event, { type: E }>) => Screen }
} = {
  scan: {
    'type-code': () => ({ name: 'type-code' }),
    checking: () => ({ name: 'checking' }),
    'open-settings': toSettings,
  },
  'type-code': {
    checking: () => ({ name: 'checking' }),
    back: () => ({ name: 'scan' }),
    'open-settings': toSettings,
  },
  checking: { checked: (e) => ({ name: 'verdict', verdict: e.verdict }) },
  // A link to a one-time code can arrive on any screen but a check in progress.
  verdict: {
    'scan-next': () => ({ name: 'scan' }),
    checking: () => ({ name: 'checking' }),
    'open-settings': toSettings,
  },
  settings: { back: () => ({ name: 'scan' }), checking: () => ({ name: 'checking' }) },
}

/** The next screen; an event the current screen does not expect changes nothing. */
export function advance(screen: Screen, event: Event): Screen {
  const handler = transitions[screen.name]?.[event.type] as ((event: Event) => Screen) | undefined
  return handler ? handler(event) : screen
}
