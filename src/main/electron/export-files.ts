import { writeFile } from 'node:fs/promises'
import type { BrowserWindow, Dialog, PrintToPDFOptions, SaveDialogOptions } from 'electron'
import type { ShellFiles } from '../core/assessment/shell-files'

/** The print view marks itself ready (data loaded, laid out) with this attribute. */
export const PRINT_READY_SELECTOR = '[data-print-ready="true"]'

/** A4 portrait; margins and the running header and footer are the page's own print CSS. */
export const PDF_OPTIONS: PrintToPDFOptions = {
  pageSize: 'A4',
  landscape: false,
  printBackground: true,
  preferCSSPageSize: true,
}

const FILTERS: Record<'xlsx' | 'pdf', SaveDialogOptions['filters']> = {
  xlsx: [{ name: 'Excel', extensions: ['xlsx'] }],
  pdf: [{ name: 'PDF', extensions: ['pdf'] }],
}

export interface ExportFilesDeps {
  readonly dialog: Pick<Dialog, 'showSaveDialog'>
  /** The window the dialog belongs to (the focused one), if any. */
  readonly parent: () => BrowserWindow | null
  /** A hidden window of ours (trusted by the IPC checks) showing an app route. */
  readonly openHidden: (route: string) => Promise<BrowserWindow>
  readonly writeFile?: (path: string, bytes: Uint8Array) => Promise<void>
  readonly readyTimeoutMs?: number
  readonly pollMs?: number
}

/**
 * The Electron side of exports: a save dialog, and Chromium's print-to-PDF of the print view in
 * a hidden window of the app (it reads the report through the same bridge as every window).
 */
export function electronExportFiles(deps: ExportFilesDeps): ShellFiles {
  const write = deps.writeFile ?? ((path, bytes) => writeFile(path, bytes))
  return {
    async save({ suggestedName, bytes, format }) {
      const options: SaveDialogOptions = { defaultPath: suggestedName, filters: FILTERS[format] }
      const parent = deps.parent()
      const choice = parent
        ? await deps.dialog.showSaveDialog(parent, options)
        : await deps.dialog.showSaveDialog(options)
      if (choice.canceled || !choice.filePath) return null
      await write(choice.filePath, bytes)
      return choice.filePath
    },
    async printToPdf(route) {
      const win = await deps.openHidden(route)
      try {
        const deadline = Date.now() + (deps.readyTimeoutMs ?? 60_000)
        for (;;) {
          const ready = (await win.webContents.executeJavaScript(
            `document.querySelector(${JSON.stringify(PRINT_READY_SELECTOR)}) !== null`,
          )) as boolean
          if (ready) break
          if (Date.now() > deadline) throw new Error('the print view did not finish loading')
          await new Promise((resolve) => setTimeout(resolve, deps.pollMs ?? 100))
        }
        return new Uint8Array(await win.webContents.printToPDF(PDF_OPTIONS))
      } finally {
        if (!win.isDestroyed()) win.destroy()
      }
    },
  }
}
