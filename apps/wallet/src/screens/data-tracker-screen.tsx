import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useEffect, useState } from 'react'
import { deviceFetch } from '../lib/api.ts'
import { isRecord, readList, readNumber, readString, readText3, type Text3 } from '../lib/read-json.ts'
import type { DeviceRecord } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { LoadState } from './load-state.tsx'
import { useFetched } from './use-fetched.ts'
import { useHeadingFocus } from './use-heading-focus.ts'

/** One read of the citizen's data, as the Data Tracker answers it. */
interface Access {
  id: string
  at: string
  kinds: string[]
  records: number
  purpose: string
  who: Text3
  why: Text3
  /** The reading system in words (e-services, document issuing), when the exchange named it. */
  system: Text3 | undefined
  flagged: boolean
  /** Its place in the transparency log, once there. */
  logIndex: number | undefined
}

function readAccesses(value: unknown): Access[] {
  const list = isRecord(value) ? value.accesses : undefined
  return readList(list, (item) => {
    if (!isRecord(item)) return undefined
    const id = readString(item.id)
    const at = readString(item.at)
    const who = readText3(item.who)
    const why = readText3(item.why)
    const purpose = readString(item.purpose)
    if (!id || !at || !who || !why || purpose === undefined) return undefined
    return {
      id,
      at,
      kinds: readList(item.kinds, readString),
      records: readNumber(item.records) ?? 0,
      purpose,
      who,
      why,
      system: readText3(item.system),
      flagged: item.flagged === true,
      logIndex: readNumber(item.logIndex),
    }
  })
}

/** Reads one after another by the same reader, for the same purpose, in the same minute: shown once, counted. */
function grouped(accesses: Access[]): Array<Access & { times: number }> {
  const out: Array<Access & { times: number }> = []
  for (const access of accesses) {
    const last = out.at(-1)
    if (
      last &&
      last.purpose === access.purpose &&
      last.kinds.join() === access.kinds.join() &&
      last.at.slice(0, 16) === access.at.slice(0, 16)
    ) {
      last.times++
    } else out.push({ ...access, times: 1 })
  }
  return out
}

/**
 * The Data Tracker: who read the citizen's data in the registers, when, which data and
 * why, newest first; a read without a valid purpose is flagged. The last list shows offline.
 */
export function DataTrackerScreen(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  onBack: () => void
  onRevoked: () => void
}) {
  const { t, language, device, onRevoked } = props
  const heading = useHeadingFocus()
  const [flaggedOnly, setFlaggedOnly] = useState(false)
  const tracker = useFetched(
    'data-tracker',
    async () => readAccesses(await deviceFetch<unknown>(device, '/api/wallet/data-tracker')),
    [device],
  )
  useEffect(() => {
    if (tracker.state === 'failed' && tracker.code === 'ERR_DEVICE_REVOKED') onRevoked()
  }, [tracker, onRevoked])
  const when = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short' })
  // The entry with its inclusion proof, saved as a file for `polis log verify`.
  const saveProof = async (access: Access) => {
    const proof = await deviceFetch<unknown>(device, `/api/wallet/data-tracker/${encodeURIComponent(access.id)}/proof`)
    const link = document.createElement('a')
    link.href = URL.createObjectURL(new Blob([JSON.stringify(proof, null, 2)], { type: 'application/json' }))
    link.download = `data-tracker-proof-${access.at.slice(0, 10)}.json`
    link.click()
    URL.revokeObjectURL(link.href)
  }
  const shown = grouped(tracker.state === 'loaded' ? tracker.value.filter((a) => !flaggedOnly || a.flagged) : [])
  return (
    <section>
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h1 ref={heading} tabIndex={-1}>
        {t('trackerTitle')}
      </h1>
      <p>{t('trackerIntro')}</p>
      <LoadState loaded={tracker} t={t} language={language} unavailable={t('trackerUnavailable')} />
      {tracker.state === 'loaded' && (
        <>
          <label className="check">
            <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} />{' '}
            {t('trackerFlaggedOnly')}
          </label>
          {shown.length === 0 && <p>{t('trackerEmpty')}</p>}
          <ol className="messages">
            {shown.map((access) => (
              <li key={access.id} className={access.flagged ? 'message access flagged' : 'message access'}>
                <h2 className="message-title">
                  {access.who[language]}
                  {access.system && ` · ${access.system[language]}`}
                </h2>
                <p className="muted">
                  <time dateTime={access.at}>{when.format(new Date(access.at))}</time>
                  {access.times > 1 && ` · ${t('trackerTimes', { n: access.times })}`}
                </p>
                <p>{access.why[language]}</p>
                <p className="muted">
                  {access.kinds.join(', ')} · {t('trackerRecords', { n: access.records })}
                </p>
                {access.logIndex !== undefined && (
                  <p className="muted">
                    {t('trackerLogged', { n: access.logIndex })}{' '}
                    <button type="button" className="link" onClick={() => void saveProof(access)}>
                      {t('trackerProof')}
                    </button>
                  </p>
                )}
                {access.flagged && (
                  <p className="error">
                    <strong>{t('trackerFlagged', { purpose: access.purpose })}</strong> {t('trackerFlaggedHelp')}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
