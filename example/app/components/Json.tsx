// JSON (claims, tokens) shown in full, wrapping long lines instead of clipping them.
import type { CSSProperties } from 'react'

/**
 * Pretty-printed JSON that shows all of itself: each line is a block, and a line too long for the width wraps
 * with its continuation indented under its own key (`--hang`: the line's indentation plus two).
 */
export function Json({ value, label, testId }: { value: unknown; label: string; testId?: string }) {
  const lines = (JSON.stringify(value, null, 2) ?? 'undefined').split('\n')
  return (
    <pre className="code" aria-label={label} data-testid={testId}>
      <code>
        {lines.map((line, index) => (
          <span
            key={index}
            className="code__line"
            style={{ '--hang': `${line.length - line.trimStart().length + 2}ch` } as CSSProperties}
          >
            {line}
          </span>
        ))}
      </code>
    </pre>
  )
}
