// The shared frame of the sign-in and error pages: self-contained HTML, escaped by hono/html.
import { html, raw } from 'hono/html'

export type Html = ReturnType<typeof html>

/** Plain, readable and self-contained: no external assets, so the pages work offline and under a strict CSP. */
const STYLE = `
  :root { color-scheme: light dark; --accent: #4f46e5; --muted: #6b7280; --line: #d1d5db; --danger: #b91c1c; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  main { max-width: 34rem; margin: 3rem auto; padding: 0 1.25rem; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.05rem; margin: 2rem 0 .75rem; }
  p { margin: .25rem 0 1rem; }
  .muted { color: var(--muted); }
  ul.users { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
  button { font: inherit; cursor: pointer; }
  .user { width: 100%; text-align: left; padding: .6rem .8rem; border: 1px solid var(--line); border-radius: .5rem;
    background: transparent; color: inherit; display: grid; }
  .user:hover { border-color: var(--accent); }
  .user .email { color: var(--muted); font-size: .9rem; }
  label { display: block; font-weight: 600; margin-bottom: .25rem; }
  input[type=email] { font: inherit; width: 100%; padding: .5rem .6rem; border: 1px solid var(--line); border-radius: .4rem; }
  input[aria-invalid=true] { border-color: var(--danger); }
  fieldset { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; margin: 0 0 1rem; }
  legend { font-weight: 600; padding: 0 .25rem; }
  fieldset label { font-weight: normal; display: flex; gap: .5rem; align-items: baseline; padding: .2rem 0; }
  .primary { margin-top: .75rem; padding: .55rem 1rem; border: 0; border-radius: .4rem; background: var(--accent); color: #fff; }
  .error { color: var(--danger); font-weight: 600; }
  :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
  code { font-size: .9em; word-break: break-all; }
`

// A constant of ours: inside <style> entities are not decoded, so escaping it would break the CSS.
const STYLE_TEXT = raw(STYLE)

/** One page: a landmark, one heading, and the content; `script`, a script of this server's to run with it. */
export function page(title: string, content: Html, script?: string): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · remix-clerk-local</title>
<style>${STYLE_TEXT}</style>
${script ? html`<script src="${script}" defer></script>` : ''}
</head>
<body>
<main>
<h1>${title}</h1>
${content}
</main>
</body>
</html>`
}

/**
 * Headers for every page: nothing may load from elsewhere, no other site may frame the page (a framed sign-in
 * form could be clicked through without the user seeing it), and the app never learns our URLs as a referrer.
 */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"

const PAGE_HEADERS = {
  'Content-Security-Policy': PAGE_CSP,
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  // Not no-referrer: with it, browsers send `Origin: null` on our own form POSTs, which the CSRF check needs.
  'Referrer-Policy': 'same-origin',
}

export async function htmlResponse(
  content: Html,
  status = 200,
  headers: Record<string, string> = {},
): Promise<Response> {
  return new Response(String(await content), {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...PAGE_HEADERS, ...headers },
  })
}

/**
 * A readable error page: what went wrong and what to do about it. With `script` (a path on this server), the page
 * runs that script, and its policy allows this server's scripts and nothing else.
 */
export function errorPage(
  status: number,
  title: string,
  problem: string,
  fix: string,
  script?: string,
): Promise<Response> {
  const content = page(title, html`<p class="error" role="alert">${problem}</p><p>${fix}</p>`, script)
  return htmlResponse(content, status, script ? { 'Content-Security-Policy': `${PAGE_CSP}; script-src 'self'` } : {})
}
