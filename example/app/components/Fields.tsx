// Label/value lists, the way every page shows auth and user data.
import type { ReactNode } from 'react'

export interface Field {
  label: string
  value: ReactNode
  /** Lets tests and scripts read one value without depending on the layout. */
  testId?: string
}

/** A definition list of label/value pairs; `null`/`undefined` values show as an em dash. */
export function Fields({ fields }: { fields: Field[] }) {
  return (
    <dl className="fields">
      {fields.map(({ label, value, testId }) => (
        <div className="fields__row" key={label}>
          <dt>{label}</dt>
          <dd data-testid={testId}>{value ?? <span className="muted">—</span>}</dd>
        </div>
      ))}
    </dl>
  )
}
