// Times shown the same on the server and in the browser, so hydration never disagrees.
/**
 * A Unix time in milliseconds as `2025-01-31 14:05:09 UTC`. Fixed to UTC so the server's HTML and the browser's
 * hydration agree whatever their time zones.
 */
export function formatTime(milliseconds: number) {
  const iso = new Date(milliseconds).toISOString()
  return <time dateTime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`}</time>
}
