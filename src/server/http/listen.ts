import { createServer as createHttp, type RequestListener, type Server } from 'node:http'
import { createServer as createHttps } from 'node:https'

/** PEM certificate chain and private key for HTTPS/WSS. */
export interface TlsFiles {
  readonly cert: string | Buffer
  readonly key: string | Buffer
}

/** Plain HTTP, or HTTPS when given a certificate: socket.io then serves WSS on the same port. */
export function createHttpServer(tls: TlsFiles | null, handler: RequestListener): Server {
  return tls ? createHttps({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, handler) : createHttp(handler)
}

/** Whether a bind address is this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.')
}
