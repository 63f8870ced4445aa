import { useState } from 'react'
import type { Translate } from '../messages.ts'

/** A code typed or pasted: the text of a QR code, or the holder's 8-digit one-time code. */
export function TypeCodeScreen(props: { t: Translate; onText: (text: string) => void; onBack: () => void }) {
  const { t } = props
  const [text, setText] = useState('')
  return (
    <section aria-labelledby="type-title">
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h1 id="type-title">{t('typeTitle')}</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (text.trim()) props.onText(text)
        }}
      >
        <label className="field">
          <span>{t('codeLabel')}</span>
          <textarea
            value={text}
            onChange={(event) => setText(event.target.value)}
            rows={4}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby="code-hint"
          />
        </label>
        <p id="code-hint" className="muted">
          {t('codeHint')}
        </p>
        <button type="submit" className="primary" disabled={!text.trim()}>
          {t('check')}
        </button>
      </form>
    </section>
  )
}
