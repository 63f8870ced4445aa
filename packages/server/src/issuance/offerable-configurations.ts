import { documentTypes } from '@polis/documents'
import type { QueryRegistry, RegistryName } from '@polis/kernel'
import { configurationId } from '@polis/oid4vc'

/**
 * Every credential configuration the registries can back for a citizen: each document
 * type whose source record exists, in each format it is issued in.
 */
export async function offerableConfigurations(options: {
  queryRegistry: QueryRegistry
  citizenId: string
  documentTypes?: string[]
  /** Why the registers are read: the wallet's own asking by default, a service's making a document ready. */
  purpose?: string
}): Promise<string[]> {
  const wanted = options.documentTypes ? new Set(options.documentTypes) : undefined
  const held = new Map<string, Promise<boolean>>()
  const holds = (registry: RegistryName, kind: string) => {
    const key = `${registry}/${kind}`
    let answer = held.get(key)
    if (!answer) {
      answer = options
        .queryRegistry({ registry, kind, citizenId: options.citizenId, purpose: options.purpose ?? 'offer:documents' })
        .then((records) => records.length > 0)
      held.set(key, answer)
    }
    return answer
  }
  const ids: string[] = []
  for (const type of documentTypes) {
    if (wanted && !wanted.has(type.code)) continue
    if (!(await holds(type.source.registry, type.source.kind))) continue
    for (const format of type.formats) ids.push(configurationId(type, format))
  }
  return ids
}
