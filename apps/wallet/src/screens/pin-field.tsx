/** A labelled PIN input: digits only, masked, with its error announced when there is one. */
export function PinField(props: {
  label: string
  value: string
  onChange: (value: string) => void
  autoComplete: 'new-password' | 'current-password'
  errorId?: string | undefined
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="password"
        inputMode="numeric"
        autoComplete={props.autoComplete}
        maxLength={6}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.errorId !== undefined}
        aria-describedby={props.errorId}
      />
    </label>
  )
}
