/** A passkey as far as telling it apart goes: the browser it was made in, and when. */
export interface PasskeyMark {
  id: string
  label: string
  createdAt: string
}

/**
 * What tells each passkey apart from the others of the same label, so that every row's
 * "Remove" button has a name of its own: nothing when its label is unique, else when it was
 * made, written with the first of `formats` (coarsest first: day, minute, second) that sets
 * every passkey of that label apart. Keyed by passkey id.
 */
export function distinguishPasskeys(
  passkeys: readonly PasskeyMark[],
  formats: readonly ((date: Date) => string)[],
): Map<string, string | undefined> {
  // Not Map.groupBy: phones a few years old do not have it.
  const groups = new Map<string, PasskeyMark[]>()
  for (const passkey of passkeys) groups.set(passkey.label, [...(groups.get(passkey.label) ?? []), passkey])
  const marks = new Map<string, string | undefined>()
  for (const group of groups.values()) {
    if (group.length === 1) {
      for (const passkey of group) marks.set(passkey.id, undefined)
      continue
    }
    const writings = formats.map((format) => group.map((passkey) => format(new Date(passkey.createdAt))))
    // Two made in the same second by one browser would take two sign-ins at once: the finest is the last resort.
    const chosen = writings.find((written) => new Set(written).size === group.length) ?? writings.at(-1)
    group.forEach((passkey, index) => {
      marks.set(passkey.id, chosen?.[index])
    })
  }
  return marks
}
