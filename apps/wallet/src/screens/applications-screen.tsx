import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useEffect } from 'react'
import { deviceFetch } from '../lib/api.ts'
import { readApplications } from '../lib/citizen-applications.ts'
import type { DeviceRecord } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { LoadState } from './load-state.tsx'
import { referenceOf, statusKey, statusTone } from './service-words.ts'
import { useCatalogue } from './use-catalogue.ts'
import { useFetched } from './use-fetched.ts'
import { useHeadingFocus } from './use-heading-focus.ts'

/** The citizen's applications, newest first, with their status; the last list shows offline. */
export function ApplicationsScreen(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  onBack: () => void
  onOpen: (id: string) => void
  onServices: () => void
  onRevoked: () => void
}) {
  const { t, language, device, onRevoked } = props
  const heading = useHeadingFocus()
  const catalogue = useCatalogue()
  const list = useFetched(
    'applications',
    async () => readApplications(await deviceFetch<unknown>(device, '/api/wallet/applications')),
    [device],
  )
  useEffect(() => {
    if (list.state === 'failed' && list.code === 'ERR_DEVICE_REVOKED') onRevoked()
  }, [list, onRevoked])
  const nameOf = (code: string) =>
    (catalogue.state === 'loaded' ? catalogue.value.find((s) => s.code === code)?.name[language] : undefined) ?? code
  const when = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <section>
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h1 ref={heading} tabIndex={-1}>
        {t('applicationsTitle')}
      </h1>
      <LoadState loaded={list} t={t} language={language} unavailable={t('applicationsUnavailable')} />
      {list.state === 'loaded' && (
        <>
          {list.value.length === 0 && <p>{t('applicationsEmpty')}</p>}
          <ul className="service-list">
            {list.value.map((application) => (
              <li key={application.id}>
                <button type="button" className="service-link" onClick={() => props.onOpen(application.id)}>
                  <span className="service-name">{nameOf(application.serviceCode)}</span>
                  <span className={`tag ${statusTone(application.status)}`}>{t(statusKey(application.status))}</span>
                  <span className="service-summary">
                    {t('submittedOn', { date: when.format(new Date(application.createdAt)) })} · {t('reference')}{' '}
                    {referenceOf(application.id)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="secondary" onClick={props.onServices}>
        {t('servicesOpen')}
      </button>
    </section>
  )
}
