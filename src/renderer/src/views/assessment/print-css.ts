/** A CSS string literal: quotes and backslashes escaped, line breaks dropped. */
export function cssString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n]+/g, ' ')}"`
}

/**
 * The printed page's running header and footer as @page margin boxes, so every page (in Chromium's
 * print-to-PDF and the browser's own print) carries the period, the rule set, the log position and
 * the generation time, and its page number. `pageText` holds the placeholders {{page}} / {{pages}}.
 */
export function pageCss(o: {
  readonly headLeft: string
  readonly headRight: string
  readonly footLeft: string
  readonly pageText: string
}): string {
  const parts = o.pageText.split(/(\{\{page\}\}|\{\{pages\}\})/).filter((p) => p !== '')
  const page = parts
    .map((p) => (p === '{{page}}' ? 'counter(page)' : p === '{{pages}}' ? 'counter(pages)' : cssString(p)))
    .join(' ')
  const box = 'font-size: 8pt; color: #444; font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif;'
  return `@page {
  size: A4 portrait;
  margin: 18mm 12mm 16mm 12mm;
  @top-left { content: ${cssString(o.headLeft)}; ${box} }
  @top-right { content: ${cssString(o.headRight)}; ${box} }
  @bottom-left { content: ${cssString(o.footLeft)}; ${box} }
  @bottom-right { content: ${page}; ${box} }
}`
}
