import type { EventName, EventPayloadOf } from '@shared/contract'

export type PushListener = <E extends EventName>(name: E, payload: EventPayloadOf<E>) => void

/** Fans the core's push events out to every transport (each window, each socket). */
export class PushHub {
  private readonly listeners = new Set<PushListener>()

  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends EventName>(name: E, payload: EventPayloadOf<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload)
      } catch {
        // One broken window must not stop the others from hearing about changes.
      }
    }
  }
}
