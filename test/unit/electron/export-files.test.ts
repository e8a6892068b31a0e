import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'

vi.mock('electron', () => ({}))

const { electronExportFiles, PDF_OPTIONS } = await import('../../../src/main/electron/export-files')

/** A hidden print window: the view becomes ready after `readyAfter` polls. */
function fakeWindow(readyAfter: number, pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46])) {
  let polls = 0
  const state = { destroyed: false, printed: [] as unknown[], scripts: [] as string[] }
  const win = {
    webContents: {
      executeJavaScript: vi.fn(async (code: string) => {
        state.scripts.push(code)
        return ++polls > readyAfter
      }),
      printToPDF: vi.fn(async (options: unknown) => {
        state.printed.push(options)
        return Buffer.from(pdf)
      }),
    },
    isDestroyed: () => state.destroyed,
    destroy: () => {
      state.destroyed = true
    },
  }
  return { win: win as unknown as BrowserWindow, state }
}

describe('exports in the Electron shell', () => {
  it('saves where the user picks in the save dialog, suggesting the report’s name', async () => {
    const written: [string, Uint8Array][] = []
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: '/home/op/考核报告-2026-11.xlsx' }))
    const files = electronExportFiles({
      dialog: { showSaveDialog } as never,
      parent: () => null,
      openHidden: async () => fakeWindow(0).win,
      writeFile: async (path, bytes) => void written.push([path, bytes]),
    })
    const path = await files.save({
      suggestedName: '考核报告-2026-11.xlsx',
      bytes: new Uint8Array([1, 2, 3]),
      format: 'xlsx',
    })
    expect(path).toBe('/home/op/考核报告-2026-11.xlsx')
    expect(showSaveDialog).toHaveBeenCalledWith({
      defaultPath: '考核报告-2026-11.xlsx',
      filters: [{ name: 'Excel', extensions: ['xlsx'] }],
    })
    expect(written).toEqual([['/home/op/考核报告-2026-11.xlsx', new Uint8Array([1, 2, 3])]])
  })

  it('writes nothing when the user cancels', async () => {
    const writeFile = vi.fn(async () => undefined)
    const files = electronExportFiles({
      dialog: { showSaveDialog: async () => ({ canceled: true, filePath: '' }) } as never,
      parent: () => null,
      openHidden: async () => fakeWindow(0).win,
      writeFile,
    })
    expect(await files.save({ suggestedName: 'r.pdf', bytes: new Uint8Array([1]), format: 'pdf' })).toBeNull()
    expect(writeFile).not.toHaveBeenCalled()
  })

  it('prints the print view to an A4 PDF once it is ready, then closes the hidden window', async () => {
    const { win, state } = fakeWindow(3)
    const openHidden = vi.fn(async () => win)
    const files = electronExportFiles({
      dialog: { showSaveDialog: vi.fn() } as never,
      parent: () => null,
      openHidden,
      pollMs: 1,
    })
    const bytes = await files.printToPdf('assessment/print?source=x&locale=en')
    expect(openHidden).toHaveBeenCalledWith('assessment/print?source=x&locale=en')
    expect(state.scripts).toHaveLength(4)
    expect(state.printed).toEqual([PDF_OPTIONS])
    expect(PDF_OPTIONS).toMatchObject({ pageSize: 'A4', landscape: false })
    expect(Buffer.from(bytes).toString('latin1')).toBe('%PDF')
    expect(state.destroyed).toBe(true)
  })

  it('gives up (and closes the window) when the view never becomes ready', async () => {
    const { win, state } = fakeWindow(Number.POSITIVE_INFINITY)
    const files = electronExportFiles({
      dialog: { showSaveDialog: vi.fn() } as never,
      parent: () => null,
      openHidden: async () => win,
      readyTimeoutMs: 5,
      pollMs: 1,
    })
    await expect(files.printToPdf('assessment/print')).rejects.toThrow(/did not finish loading/)
    expect(state.printed).toHaveLength(0)
    expect(state.destroyed).toBe(true)
  })
})
