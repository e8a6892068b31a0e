/** http(s), a host (no user info), then an optional path, query or fragment; no spaces or controls. */
const WEB_LINK = /^https?:\/\/[^\s/?#@\\]+(?:[/?#][^\s\\]*)?$/i

/**
 * A link from case data (a reporter's photo, Open311 `media_url`) the app may open outside
 * itself: http(s) only; anything else (javascript:, file:, data:, relative or malformed) is
 * null and is shown as text, never opened.
 */
export function webLink(value: string | null | undefined): string | null {
  const v = value?.trim() ?? ''
  return WEB_LINK.test(v) ? v : null
}
