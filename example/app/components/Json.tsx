/** Pretty-printed JSON in a scrollable, keyboard-focusable block. */
export function Json({ value, label, testId }: { value: unknown; label: string; testId?: string }) {
  return (
    // tabIndex: a scrollable region must be reachable with the keyboard.
    <pre className="code" tabIndex={0} aria-label={label} data-testid={testId}>
      <code>{JSON.stringify(value, null, 2)}</code>
    </pre>
  )
}
