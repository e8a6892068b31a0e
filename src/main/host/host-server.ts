import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { guardProblem, type GuardPolicy } from '@infra/http/request-guard'
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
  /** Names browsers reach this host by besides IP literals and localhost (DNS-rebinding defence). */
  readonly publicHosts?: readonly string[]
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
  if (options.tokens.full.length < 16) throw new Error('the browser host needs a token of at least 16 characters')
  // Only pages this host served may call it, by a name that is ours (request-guard.ts).
  const guard: GuardPolicy = { hosts: options.publicHosts ?? [], sameOrigin: true }
  const files = staticHandler({ renderer: options.rendererDir, resources: options.resourcesDir })
  const http: HttpServer = createServer((req, res) => {
    const problem = guardProblem(req.headers, guard, req.method)
    if (problem) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end(problem)
      return
    }
    void files(req, res)
  })
  const io = bindSocketTransport(http, options.core, options.tokens, guard)
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
