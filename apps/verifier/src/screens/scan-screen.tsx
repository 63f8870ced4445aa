import { useRef, useState } from 'react'
import { loadQrReader } from '../lib/read-qr-code.ts'
import type { Translate } from '../messages.ts'
import { CameraView } from './camera-view.tsx'
import { ImageIcon, KeyboardIcon } from './icons.tsx'

/** Scanning: the camera, an image of a code, or a code typed in. */
export function ScanScreen(props: { t: Translate; onText: (text: string) => void; onTypeCode: () => void }) {
  const { t, onText } = props
  const file = useRef<HTMLInputElement>(null)
  const [reading, setReading] = useState(false)
  const [notFound, setNotFound] = useState(false)

  const readImage = async (chosen: File) => {
    setReading(true)
    setNotFound(false)
    try {
      const [read, bitmap] = await Promise.all([loadQrReader(), createImageBitmap(chosen)])
      const text = await read(bitmap).finally(() => bitmap.close())
      if (text) return onText(text)
      setNotFound(true)
    } catch {
      setNotFound(true)
    } finally {
      setReading(false)
    }
  }

  return (
    <section aria-labelledby="scan-title">
      <h1 id="scan-title">{t('scanTitle')}</h1>
      <p className="muted">{t('scanIntro')}</p>
      <CameraView t={t} onText={onText} />
      <input
        ref={file}
        type="file"
        accept="image/*"
        hidden
        onChange={(event) => {
          const chosen = event.target.files?.[0]
          event.target.value = ''
          if (chosen) void readImage(chosen)
        }}
      />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => file.current?.click()} disabled={reading}>
          <ImageIcon /> {reading ? t('readingImage') : t('chooseImage')}
        </button>
        <button type="button" className="secondary" onClick={props.onTypeCode}>
          <KeyboardIcon /> {t('typeCode')}
        </button>
      </div>
      {notFound && (
        <p className="error" role="alert">
          {t('noQrInImage')}
        </p>
      )}
    </section>
  )
}
