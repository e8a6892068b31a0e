/** A namespace's strings, nested by key: each leaf is one message. */
export interface Strings {
  readonly [key: string]: string | Strings
}

/**
 * One i18next namespace assembled from the parts that own its keys (a view's
 * locales, the shared widgets', the shared vocabulary). Every message has one
 * owner: a key two parts both define is a mistake, reported at start-up
 * rather than silently won by whichever part came last.
 */
export function mergeStrings(namespace: string, ...parts: readonly Strings[]): Strings {
  const merged: Record<string, string | Strings> = {}
  for (const part of parts) mergeInto(merged, part, namespace)
  return merged
}

function mergeInto(target: Record<string, string | Strings>, part: Strings, at: string): void {
  for (const [key, value] of Object.entries(part)) {
    const path = `${at}${at.includes(':') ? '.' : ':'}${key}`
    const existing = target[key]
    if (existing === undefined) {
      target[key] = typeof value === 'string' ? value : mergeStrings('', value) // a copy: parts stay untouched
      continue
    }
    if (typeof existing === 'string' || typeof value === 'string') {
      throw new Error(`Two locale parts define "${path}"`)
    }
    mergeInto(existing as Record<string, string | Strings>, value, path)
  }
}
