import { useCallback, useEffect, useRef, useState } from 'react'
import { readQrCode } from '../lib/read-qr-image.ts'

/** How often a frame is read: a code is found at once, and the phone's battery is spared. */
const everyMs = 200

/**
 * The phone's back camera, opened when the citizen asks (never by itself: a wallet that
 * films unasked is not one to trust), read for a QR code a few times a second, and closed
 * as soon as one is read or the screen is left.
 */
export function ScanCamera(props: {
  labels: { start: string; stop: string; view: string; unavailable: string }
  onText: (text: string) => void
}) {
  const onText = useRef(props.onText)
  onText.current = props.onText
  const video = useRef<HTMLVideoElement>(null)
  const stream = useRef<MediaStream>(undefined)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const [state, setState] = useState<'off' | 'starting' | 'on' | 'unavailable'>('off')

  const stop = useCallback(() => {
    clearTimeout(timer.current)
    for (const track of stream.current?.getTracks() ?? []) track.stop()
    stream.current = undefined
  }, [])
  useEffect(() => stop, [stop])

  const start = async () => {
    if (!navigator.mediaDevices?.getUserMedia) return setState('unavailable')
    setState('starting')
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      const element = video.current
      if (!element) return stop()
      element.srcObject = stream.current
      await element.play()
      setState('on')
      const read = async () => {
        if (!stream.current) return
        const text = element.readyState >= 2 ? await readQrCode(element).catch(() => undefined) : undefined
        if (!stream.current) return
        if (!text) {
          timer.current = setTimeout(() => void read(), everyMs)
          return
        }
        stop()
        setState('off')
        onText.current(text)
      }
      void read()
    } catch {
      stop()
      setState('unavailable')
    }
  }

  return (
    <div className="scan-camera">
      <video ref={video} muted playsInline aria-label={props.labels.view} hidden={state !== 'on'} />
      {state === 'on' ? (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            stop()
            setState('off')
          }}
        >
          {props.labels.stop}
        </button>
      ) : (
        <button type="button" className="primary" disabled={state === 'starting'} onClick={() => void start()}>
          {props.labels.start}
        </button>
      )}
      {state === 'unavailable' && (
        <p className="error" role="alert">
          {props.labels.unavailable}
        </p>
      )}
    </div>
  )
}
