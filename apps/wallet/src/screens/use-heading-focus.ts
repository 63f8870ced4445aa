import { useEffect, useRef } from 'react'

/**
 * Moves focus to a screen's heading when it opens (and when `step` changes), so that a
 * screen reader reads out where the citizen now is, as on a page load. The heading
 * needs `tabIndex={-1}`.
 */
export function useHeadingFocus<T extends HTMLElement = HTMLHeadingElement>(step?: unknown) {
  const heading = useRef<T>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves again when the step changes
  useEffect(() => {
    heading.current?.focus()
  }, [step])
  return heading
}
