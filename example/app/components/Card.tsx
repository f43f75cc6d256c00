// The section box every page is built from, labelled by its heading so screen readers and tests can find it.
import type { ReactNode } from 'react'

interface CardProps {
  title: string
  /** Used for the heading's id, so the section is labelled by its heading. */
  id: string
  description?: ReactNode
  children: ReactNode
  tone?: 'default' | 'accent' | 'muted'
}

export function Card({ title, id, description, children, tone = 'default' }: CardProps) {
  const headingId = `${id}-heading`
  return (
    <section className={`card card--${tone}`} aria-labelledby={headingId} data-testid={id}>
      <h2 id={headingId}>{title}</h2>
      {description ? <p className="card__description">{description}</p> : null}
      {children}
    </section>
  )
}
