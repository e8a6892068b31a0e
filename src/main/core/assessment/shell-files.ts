/**
 * What only a desktop shell can do with an exported report: a native save dialog, and Chromium's
 * print-to-PDF of the print view. The Electron shell provides it (src/main/electron/export-files.ts);
 * the browser host has none (the page downloads the file and the user prints the view).
 */
export interface ShellFiles {
  /** Asks where to save (suggesting the name) and writes the bytes there; null when cancelled. */
  save(o: {
    readonly suggestedName: string
    readonly bytes: Uint8Array
    readonly format: 'xlsx' | 'pdf'
  }): Promise<string | null>
  /** Prints an app route (`assessment/print?…`) as an A4 PDF; resolves with its bytes. */
  printToPdf(route: string): Promise<Uint8Array>
}
