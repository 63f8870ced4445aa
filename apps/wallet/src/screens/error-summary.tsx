import { useEffect, useRef } from 'react'
import type { Translate } from '../messages.ts'

/**
 * The problems of a page summed up on top (GOV.UK's error summary): focused when it
 * appears so it is read out, each problem a link that moves to its field.
 */
export function ErrorSummary(props: {
  t: Translate
  problems: Array<{ target: string; label: string; message: string }>
  /** Changes on every failed attempt, so that focus moves to the summary again. */
  attempt: number
}) {
  const box = useRef<HTMLDivElement>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves on each attempt
  useEffect(() => {
    box.current?.focus()
  }, [props.attempt])
  if (props.problems.length === 0) return null
  return (
    <div className="error-summary" ref={box} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{props.t('errorSummaryTitle')}</h2>
      <ul>
        {props.problems.map((problem) => (
          <li key={problem.target}>
            <a
              href={`#${problem.target}`}
              onClick={(event) => {
                // Not a navigation: the wallet's address keeps no fragment; focus goes to the field.
                event.preventDefault()
                const field = document.getElementById(problem.target)
                field?.focus()
                field?.scrollIntoView({ block: 'center' })
              }}
            >
              {/[?:!.]$/.test(problem.label) ? `${problem.label} ` : `${problem.label}: `}
              {problem.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}
