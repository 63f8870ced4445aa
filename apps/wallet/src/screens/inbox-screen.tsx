import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useEffect } from 'react'
import { deviceFetch } from '../lib/api.ts'
import { readInbox } from '../lib/citizen-applications.ts'
import type { DeviceRecord } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { LoadState } from './load-state.tsx'
import { useFetched } from './use-fetched.ts'
import { useHeadingFocus } from './use-heading-focus.ts'

/** The messages the state sent the citizen, newest first; the last list shows offline. */
export function InboxScreen(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  onBack: () => void
  onOpenApplication: (id: string) => void
  onRevoked: () => void
}) {
  const { t, language, device, onRevoked } = props
  const heading = useHeadingFocus()
  // Messages come in the citizen's language, so the copy kept is per language.
  const inbox = useFetched(
    `inbox:${language}`,
    async () => readInbox(await deviceFetch<unknown>(device, '/api/wallet/inbox')),
    [device, language],
  )
  useEffect(() => {
    if (inbox.state === 'failed' && inbox.code === 'ERR_DEVICE_REVOKED') onRevoked()
  }, [inbox, onRevoked])
  const when = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <section>
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h1 ref={heading} tabIndex={-1}>
        {t('inboxTitle')}
      </h1>
      <LoadState loaded={inbox} t={t} language={language} unavailable={t('inboxUnavailable')} />
      {inbox.state === 'loaded' && (
        <>
          {inbox.value.length === 0 && <p>{t('inboxEmpty')}</p>}
          <ol className="messages">
            {inbox.value.map(({ applicationId, ...message }) => (
              <li key={message.id} className="message">
                <h2 className="message-title">
                  {message.title}
                  {!message.read && <span className="tag action">{t('inboxNew')}</span>}
                </h2>
                <p className="muted">
                  <time dateTime={message.createdAt}>{when.format(new Date(message.createdAt))}</time>
                </p>
                <p>{message.body}</p>
                {applicationId && (
                  <button type="button" className="secondary" onClick={() => props.onOpenApplication(applicationId)}>
                    {t('inboxOpenApplication')}
                    <span className="visually-hidden">: {message.title}</span>
                  </button>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
