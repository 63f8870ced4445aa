import { useEffect, useState } from 'react'
import { portraitBytes } from '../lib/describe-claims.ts'

/** The holder's portrait from its PNG bytes, through a blob URL freed when it leaves the screen. */
export function Portrait(props: { value: unknown; alt: string }) {
  const [url, setUrl] = useState<string>()
  useEffect(() => {
    const bytes = portraitBytes(props.value)
    if (!bytes) return
    const created = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }))
    setUrl(created)
    return () => URL.revokeObjectURL(created)
  }, [props.value])
  if (!url) return null
  return <img className="portrait" src={url} alt={props.alt} width="120" height="150" />
}
