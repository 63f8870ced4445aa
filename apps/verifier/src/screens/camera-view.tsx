import { useCallback, useEffect, useRef, useState } from 'react'
import { loadQrReader } from '../lib/read-qr-code.ts'
import type { Translate } from '../messages.ts'
import { CameraIcon } from './icons.tsx'

type CameraState = 'off' | 'starting' | 'on' | 'unavailable'

/** Frames are read this often: quick enough to feel instant, slow enough to spare the battery. */
const frameIntervalMs = 200

/**
 * The back camera, read for a QR code a few times a second until one is found. It starts by
 * itself once the inspector has allowed the camera, and stops when the code is read or the
 * screen is left.
 */
export function CameraView(props: { t: Translate; onText: (text: string) => void }) {
  const { t } = props
  // The latest callback, without restarting the camera whenever the parent renders.
  const onText = useRef(props.onText)
  onText.current = props.onText
  const video = useRef<HTMLVideoElement>(null)
  const stream = useRef<MediaStream>(undefined)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const starting = useRef(false)
  const [state, setState] = useState<CameraState>('off')

  const stop = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = undefined
    for (const track of stream.current?.getTracks() ?? []) track.stop()
    stream.current = undefined
  }, [])

  const start = useCallback(async () => {
    if (!navigator.mediaDevices?.getUserMedia) return setState('unavailable')
    // Started once: the button and the automatic start may race.
    if (starting.current || stream.current) return
    starting.current = true
    setState('starting')
    try {
      const [media, read] = await Promise.all([
        navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
        loadQrReader(),
      ])
      stream.current = media
      const element = video.current
      if (!element) return stop()
      element.srcObject = media
      await element.play()
      setState('on')
      const tick = async () => {
        if (!stream.current) return
        const text = element.readyState >= 2 ? await read(element).catch(() => undefined) : undefined
        if (!stream.current) return
        if (text) {
          stop()
          setState('off')
          return onText.current(text)
        }
        timer.current = setTimeout(() => void tick(), frameIntervalMs)
      }
      void tick()
    } catch {
      stop()
      setState('unavailable')
    } finally {
      starting.current = false
    }
  }, [stop])

  useEffect(() => {
    // Once the camera is allowed, the scan screen opens with it running.
    void navigator.permissions
      ?.query({ name: 'camera' as PermissionName })
      .then((permission) => {
        if (permission.state === 'granted') void start()
      })
      .catch(() => {})
    return stop
  }, [start, stop])

  return (
    <div className="camera">
      <div className={state === 'on' ? 'viewfinder' : 'viewfinder idle'}>
        <video ref={video} muted playsInline aria-label={t('cameraView')} />
        {state === 'on' && <span className="frame" aria-hidden="true" />}
        {state !== 'on' && (
          <button
            type="button"
            className="primary camera-start"
            onClick={() => void start()}
            disabled={state === 'starting'}
          >
            <CameraIcon /> {t('startCamera')}
          </button>
        )}
      </div>
      {state === 'on' && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            stop()
            setState('off')
          }}
        >
          {t('stopCamera')}
        </button>
      )}
      {state === 'unavailable' && (
        <p className="error" role="alert">
          {t('cameraUnavailable')}
        </p>
      )}
    </div>
  )
}
