import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import type { Translate } from '../messages.ts'
import type { Loaded } from './use-fetched.ts'

/**
 * What a screen says of what it fetched, before the content: that it is loading, why it
 * could not be read (`unavailable` when the phone is offline), or that it is the last
 * copy kept on the phone, with when it was read.
 */
export function LoadState(props: {
  loaded: Loaded<unknown>
  t: Translate
  language: Language
  unavailable: string
  busy?: string
}) {
  const { loaded, t } = props
  if (loaded.state === 'loading') return <p aria-busy="true">{props.busy ?? '…'}</p>
  if (loaded.state === 'failed') {
    return (
      <p className="error" role="alert">
        {loaded.offline ? props.unavailable : loaded.message}
      </p>
    )
  }
  if (!loaded.stale) return null
  const when = new Intl.DateTimeFormat(locales[props.language], { dateStyle: 'medium', timeStyle: 'short' })
  return <p className="notice">{t('staleNote', { date: when.format(new Date(loaded.fetchedAt)) })}</p>
}
