/**
 * The way back to `start` through `after` (each name's predecessors), when there is one,
 * else undefined: `[check, approve, check]` is a cycle, which would wait for ever.
 * Walked depth first, each name once.
 */
export function waitsOn(
  start: string,
  afterOf: ReadonlyMap<string, readonly string[]>,
  way: string[] = [start],
  seen = new Set<string>(),
): string[] | undefined {
  const last = way.at(-1) as string
  for (const next of afterOf.get(last) ?? []) {
    if (next === start) return [...way, next]
    if (seen.has(next)) continue
    seen.add(next)
    const found = waitsOn(start, afterOf, [...way, next], seen)
    if (found) return found
  }
  return undefined
}
