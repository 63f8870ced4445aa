import { messageOf } from '@polis/kernel/errors'
import type { Language } from '@polis/ui'
import { formatAge, formatHours } from '../lib/format-age.ts'
import type { TrustState } from '../lib/load-trust.ts'
import { oldestFetch } from '../lib/trust-age.ts'
import type { Translate } from '../messages.ts'
import type { RefreshState } from '../use-trust.ts'
import { WarningIcon } from './icons.tsx'

/**
 * How fresh the stored trust data is, in one line; a warning with a refresh button when it
 * is missing, failed its check, was refused, or is older than the inspector's limit.
 */
export function TrustStatus(props: {
  t: Translate
  language: Language
  trust: TrustState | undefined
  refresh: RefreshState
  online: boolean
  warnAfterHours: number
  now: Date
  onRefresh: () => void
}) {
  const { t, language, trust, refresh } = props
  if (!trust) return null
  const oldest = oldestFetch(trust)
  const warning =
    refresh.failure === 'ERR_UNTRUSTED_ISSUER'
      ? t('anchorChanged')
      : !oldest
        ? t('trustNever')
        : trust.problem
          ? t('trustUnusable', { code: trust.problem })
          : props.now.getTime() - oldest.getTime() > props.warnAfterHours * 3600_000
            ? t('trustOld', { limit: formatHours(props.warnAfterHours, language) })
            : undefined
  const updated = oldest && t('trustUpdated', { age: formatAge(props.now.getTime() - oldest.getTime(), language) })
  if (!warning) {
    return (
      <div className="trust-line">
        <p role="status">{refresh.running ? t('refreshing') : updated}</p>
        <button type="button" onClick={props.onRefresh} disabled={!props.online || refresh.running}>
          {t('refreshNow')}
        </button>
      </div>
    )
  }
  return (
    <div className="warning" role="status">
      <WarningIcon />
      <div>
        <p>{warning}</p>
        {updated && <p className="small">{updated}</p>}
        {refresh.failure && refresh.failure !== 'ERR_UNTRUSTED_ISSUER' && (
          <p className="small">
            {t('refreshFailed', {
              reason: refresh.failure === 'network' ? t('refreshNetwork') : messageOf(refresh.failure, language),
            })}
          </p>
        )}
        <button
          type="button"
          className="secondary compact"
          onClick={props.onRefresh}
          disabled={!props.online || refresh.running}
        >
          {refresh.running ? t('refreshing') : t('refreshNow')}
        </button>
      </div>
    </div>
  )
}
