import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Core } from '../core/core'
import { bindSocketTransport, type HostTokens } from './socket-transport'
import { staticHandler } from './static-files'

export interface HostServerOptions {
  readonly core: Core
  readonly rendererDir: string
  readonly resourcesDir: string
  readonly port: number
  /** Interface to bind; loopback unless told otherwise. */
  readonly bind: string
  readonly tokens: HostTokens
}

export interface RunningHost {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

export function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || address.startsWith('127.')
}

/** Serves the renderer and the contract to browsers (wall PCs, e2e tests, machines without Electron). */
export async function startHostServer(options: HostServerOptions): Promise<RunningHost> {
  if (!isLoopback(options.bind) && !options.tokens.full) {
    throw new Error(`refusing to serve on ${options.bind} without a token (--token)`)
  }
  const http: HttpServer = createServer(
    staticHandler({ renderer: options.rendererDir, resources: options.resourcesDir }),
  )
  const io = bindSocketTransport(http, options.core, options.tokens)
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port, options.bind, () => resolve())
  })
  const { port } = http.address() as AddressInfo
  const hostName = options.bind.includes(':') ? `[${options.bind}]` : options.bind
  return {
    url: `http://${hostName}:${port}`,
    port,
    close: async () => {
      await io.close()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
