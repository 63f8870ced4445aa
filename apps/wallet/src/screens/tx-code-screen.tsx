import { type FormEvent, useState } from 'react'
import type { Translate } from '../messages.ts'

/** The transaction code a support desk gives apart from its offer (OpenID4VCI 1.0 section 4.1.1). */
export function TxCodeScreen(props: { t: Translate; onCode: (code: string) => void; onBack: () => void }) {
  const { t } = props
  const [code, setCode] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (code.trim()) props.onCode(code.trim())
  }
  return (
    <section>
      <h1>{t('txCodeTitle')}</h1>
      <p>{t('txCodeIntro')}</p>
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('txCodeLabel')}</span>
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        </label>
        <button type="submit" className="primary">
          {t('continue')}
        </button>
      </form>
      <button type="button" className="secondary" onClick={props.onBack}>
        {t('back')}
      </button>
    </section>
  )
}
