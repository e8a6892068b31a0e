/** Human-readable case codes: ZS-YYMMDD-NNNNNN, the date in China Standard Time and a global counter. */
const CST_OFFSET_MS = 8 * 3_600_000

export function incidentCode(serverTime: number, counter: number): string {
  const d = new Date(serverTime + CST_OFFSET_MS)
  const yy = String(d.getUTCFullYear() % 100).padStart(2, '0')
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0')
  const dd = String(d.getUTCDate()).padStart(2, '0')
  return `ZS-${yy}${mm}${dd}-${String(counter).padStart(6, '0')}`
}
