/** A value from a request, quoted and cut to 200 characters, so it cannot fill a page or a log line. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)
}
