import { presentationLifetimeSeconds, presentQr, readQrCredential } from '@polis/documents/qr'
import type { Language } from '@polis/ui'
import QRCode from 'qrcode'
import { useEffect, useMemo, useRef, useState } from 'react'
import { fromBase64url } from '../lib/base64url.ts'
import { claimLabel, displayOf, type IssuerMetadata } from '../lib/issuer-metadata.ts'
import { type DeviceRecord, recordPresentation, type StoredCredential } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { ShareCodePanel } from './share-code-panel.tsx'

/** Who the holder is, without the birth date: what "over 18" shows. */
const ageProof = ['age_over_18', 'portrait']

/**
 * Shows a document in person: the citizen picks what to reveal, and the wallet shows a
 * QR code signed by this device for this moment, which the inspector's verifier checks
 * offline. The code lasts three minutes, with a visible countdown, and then renews itself.
 */
export function ShowScreen(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  /** The document's in-person copies; each code shows one picked at random. */
  copies: StoredCredential[]
  metadata: IssuerMetadata | undefined
  online: boolean
  onBack: () => void
}) {
  const { t, language, device, copies } = props
  const copy = copies[0] as StoredCredential
  const configuration = props.metadata?.credential_configurations_supported[copy.configurationId]
  const display = displayOf(configuration, language)
  const names = useMemo(() => readQrCredential(fromBase64url(copy.credential)).items.map((item) => item.name), [copy])
  const [chosen, setChosen] = useState<string[]>(names)
  const [code, setCode] = useState<{ svg: string; text: string; shownAt: number }>()
  const [left, setLeft] = useState(presentationLifetimeSeconds)
  const [round, setRound] = useState(0)
  // One history entry per choice of claims on this visit, however often its code renews.
  const recorded = useRef(new Set<string>())

  // A new code for each choice and every three minutes; the old one is forgotten.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new round asks for a new code on purpose
  useEffect(() => {
    if (chosen.length === 0) return setCode(undefined)
    let current = true
    const started = performance.now()
    void (async () => {
      const shown = copies[(crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % copies.length] ?? copy
      const signingKey = shown.holderKey?.privateKey ?? device.keys.privateKey
      const text = await presentQr({
        credential: fromBase64url(shown.credential),
        disclose: chosen,
        deviceSign: async (bytes) =>
          new Uint8Array(
            await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signingKey, bytes as BufferSource),
          ),
        now: new Date(),
      })
      const svg = await QRCode.toString([{ data: text, mode: 'alphanumeric' }], {
        type: 'svg',
        errorCorrectionLevel: 'L',
        margin: 2,
      })
      if (!current) return
      setCode({ svg, text, shownAt: performance.now() - started })
      setLeft(presentationLifetimeSeconds)
      const key = [...chosen].sort().join(',')
      if (recorded.current.has(key)) return
      recorded.current.add(key)
      await recordPresentation({
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        documentType: copy.documentType,
        claims: chosen,
        channel: 'qr',
      })
    })()
    return () => {
      current = false
    }
  }, [chosen, copies, copy, device, round])

  useEffect(() => {
    if (!code) return
    const timer = setInterval(() => setLeft((seconds) => Math.max(0, seconds - 1)), 1000)
    return () => clearInterval(timer)
  }, [code])
  useEffect(() => {
    if (left === 0) setRound((n) => n + 1)
  }, [left])

  const toggle = (name: string) =>
    setChosen((current) => (current.includes(name) ? current.filter((n) => n !== name) : [...current, name]))
  const minutes = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`
  return (
    <section>
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h1>{t('showTitle', { document: display.name || copy.documentType })}</h1>
      <figure className="qr" data-payload={code?.text} data-shown-ms={code ? Math.round(code.shownAt) : undefined}>
        {code ? (
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.svg)}`}
            alt={t('qrAlt', { document: display.name || copy.documentType })}
          />
        ) : (
          <p className="muted">{chosen.length === 0 ? t('chooseSomething') : '…'}</p>
        )}
        <figcaption>
          <span>{t('qrHint')}</span>
          <span className="countdown">
            {t('qrRenews')} <time aria-hidden="true">{minutes}</time>
          </span>
          <progress max={presentationLifetimeSeconds} value={left} aria-label={t('qrTimeLeft')} />
        </figcaption>
      </figure>
      <button type="button" className="secondary" onClick={() => setRound((n) => n + 1)}>
        {t('qrNew')}
      </button>
      <fieldset className="reveal">
        <legend>{t('revealTitle')}</legend>
        <div className="presets">
          <button type="button" className="secondary" onClick={() => setChosen(names)}>
            {t('revealAll')}
          </button>
          {ageProof.every((name) => names.includes(name)) && (
            <button type="button" className="secondary" onClick={() => setChosen(ageProof)}>
              {t('revealAge')}
            </button>
          )}
        </div>
        {names.map((name) => (
          <label key={name} className="check">
            <input type="checkbox" checked={chosen.includes(name)} onChange={() => toggle(name)} />
            <span>{claimLabel(configuration, name, language)}</span>
          </label>
        ))}
      </fieldset>
      {props.online && (
        <ShareCodePanel
          t={t}
          language={language}
          device={device}
          presentation={code?.text}
          documentType={copy.documentType}
          claims={chosen}
        />
      )}
    </section>
  )
}
