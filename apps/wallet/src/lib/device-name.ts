/** A name a person recognises their device by, e.g. "Chrome on Android", from the user agent. */
export function deviceName(userAgent: string = navigator.userAgent): string {
  const system =
    [
      [/iPhone/, 'iPhone'],
      [/iPad/, 'iPad'],
      [/Android/, 'Android'],
      [/Mac OS X|Macintosh/, 'Mac'],
      [/Windows/, 'Windows'],
      [/Linux/, 'Linux'],
    ].find(([pattern]) => (pattern as RegExp).test(userAgent))?.[1] ?? 'device'
  const browser =
    [
      [/Edg\//, 'Edge'],
      [/Firefox\//, 'Firefox'],
      [/Chrom(e|ium)\//, 'Chrome'],
      [/Safari\//, 'Safari'],
    ].find(([pattern]) => (pattern as RegExp).test(userAgent))?.[1] ?? 'Browser'
  return `${browser} · ${system}`
}
