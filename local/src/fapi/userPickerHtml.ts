// The sign-in pages' HTML, kept apart from their handlers so the markup reads on its own.
import { html } from 'hono/html'
import { type Html, page } from './html.js'

export interface UserChoice {
  id: string
  name: string
  email: string | null
}

export interface OrganizationChoice {
  id: string
  name: string
  role: string
}

/** Every form carries the app's URL along, so the browser ends up back in the app whatever it picks. */
const redirectField = (redirectUrl: URL) => html`<input type="hidden" name="redirect_url" value="${redirectUrl.href}">`

/**
 * Step one: pick an existing user, or type an e-mail address (a new one creates the user). Each user is a
 * button of one form, so the list is keyboard-usable and each button's text is its accessible name.
 */
export function signInPage(params: { redirectUrl: URL; users: UserChoice[]; email?: string; error?: string }): Html {
  const { redirectUrl, users, email = '', error } = params
  const userList =
    users.length === 0
      ? html`<p class="muted">No users yet: type an e-mail address below to create the first one.</p>`
      : html`<form method="post" action="/sign-in" aria-labelledby="existing-heading">
${redirectField(redirectUrl)}
<ul class="users">
${users.map(
  (user) =>
    html`<li><button class="user" type="submit" name="user_id" value="${user.id}"><span>${user.name}</span>${
      user.email ? html`<span class="email">${user.email}</span>` : ''
    }</button></li>`,
)}
</ul>
</form>`
  return page(
    'Sign in',
    html`<p class="muted">Local development sign-in for <code>${redirectUrl.origin}</code>. No password: this server is for development and tests only.</p>
<h2 id="existing-heading">Continue as an existing user</h2>
${userList}
<h2 id="email-heading">Or use an e-mail address</h2>
<form method="post" action="/sign-in" aria-labelledby="email-heading" novalidate>
${redirectField(redirectUrl)}
<label for="email">E-mail address</label>
<input type="email" id="email" name="email" autocomplete="email" required value="${email}"${
      error ? html` aria-invalid="true" aria-describedby="email-error"` : ''
    }>
${error ? html`<p class="error" id="email-error" role="alert">${error}</p>` : ''}
<p class="muted">A new address creates a user on first use.</p>
<button class="primary" type="submit">Continue</button>
</form>`,
  )
}

/** Step two, for users with organizations: which one is active in the session, or none (`selected`: '' for none). */
export function organizationPage(params: {
  redirectUrl: URL
  user: UserChoice
  organizations: OrganizationChoice[]
  selected: string
  error?: string
}): Html {
  const { redirectUrl, user, organizations, selected, error } = params
  const checked = (id: string) => (id === selected ? html` checked` : '')
  return page(
    'Choose an organization',
    html`<p>Signing in as <strong>${user.name}</strong>${user.email ? html` (${user.email})` : ''}.</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/sign-in">
${redirectField(redirectUrl)}
<input type="hidden" name="user_id" value="${user.id}">
<fieldset>
<legend>Active organization</legend>
<label><input type="radio" name="organization_id" value=""${checked('')}> No organization (personal account)</label>
${organizations.map(
  (org) =>
    html`<label><input type="radio" name="organization_id" value="${org.id}"${checked(org.id)}> ${org.name} <span class="muted">${org.role}</span></label>`,
)}
</fieldset>
<button class="primary" type="submit">Sign in</button>
</form>`,
  )
}

export function signedOutPage(): Html {
  return page('Signed out', html`<p>This browser is signed out of remix-clerk-local. You can close this page.</p>`)
}
