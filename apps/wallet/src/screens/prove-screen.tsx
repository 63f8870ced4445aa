import type { Language } from '@polis/ui'
import { useEffect, useState } from 'react'
import { fetchJson } from '../lib/api.ts'
import type { Translate } from '../messages.ts'

interface Provider {
  id: string
  name: Record<Language, string>
}

/** "Prove who you are": the identity providers configured for this country. */
export function ProveScreen(props: { t: Translate; language: Language; onBack: () => void }) {
  const { t, language } = props
  const [providers, setProviders] = useState<Provider[]>()
  useEffect(() => {
    fetchJson<Provider[]>('/api/wallet/identity-providers').then(setProviders, () => setProviders([]))
  }, [])
  return (
    <section>
      <h1>{t('proveTitle')}</h1>
      <p>{t('proveIntro')}</p>
      <ul className="choices">
        {providers?.map((provider) => (
          <li key={provider.id}>
            <a className="choice" href={`/api/wallet/enrol/start?provider=${encodeURIComponent(provider.id)}`}>
              {provider.name[language] ?? provider.id}
            </a>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={props.onBack}>
        {t('back')}
      </button>
    </section>
  )
}
