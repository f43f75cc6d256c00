// A copy of a string that keeps nothing else alive. A string cut out of a longer one (a cookie value out of the
// Cookie header, a JWT segment out of the token) is, in V8, a view that keeps the whole longer string in memory as
// long as the view lives: a cache that kept such views of request data would keep every request's headers.

/** `text`, as a string of its own. Costs one copy; for what a long-lived cache keeps, not for the hot path. */
export function detached(text: string): string {
  // Concatenation then slicing makes V8 flatten the pair into a new string and cut `text` back out of that:
  // the result keeps one character more than `text`, and nothing of the string `text` was cut from.
  return ` ${text}`.slice(1)
}
