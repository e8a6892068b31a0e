const caches = new WeakMap<object, Map<string, string>>()

/**
 * `t(key)` for a key without options, looked up once per translation function (react-i18next
 * makes one per language): a table cell's label is read for every cell the grid draws, and each
 * i18next lookup resolves the language hierarchy again (most of the console's script time while
 * scrolling, in a profile).
 */
export function cachedLabel(t: (key: string) => unknown, key: string): string {
  let labels = caches.get(t)
  if (!labels) caches.set(t, (labels = new Map()))
  let text = labels.get(key)
  if (text === undefined) {
    text = String(t(key))
    labels.set(key, text)
  }
  return text
}
