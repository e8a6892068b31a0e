import type { ServerLink } from '../core/core'

export interface EmbeddedServer {
  readonly link: ServerLink
  close(): Promise<void>
}

/** The central server, in this process, on a free loopback port. */
export async function startEmbeddedServer(dataDir: string): Promise<EmbeddedServer | null> {
  void dataDir
  // Wired once src/server lands (issue 3).
  return null
}
