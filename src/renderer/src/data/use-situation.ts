import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Aggregates, SyncStatus } from '@shared/contract'
import type { AreaId, CategoryId, ReferenceData } from '@shared/domain'
import { LIMITS } from '@shared/protocol'
import { useHostLink, usePushEvent, useRequest, useSyncStatus } from '../api/hooks'
import { freshness, type Freshness } from './situation-shape'

/** A heartbeat and a half without word from the server: say "checking" instead of "live". */
const SILENT_AFTER_MS = LIMITS.heartbeatSeconds * 1500

export interface Situation {
  readonly aggregates: Aggregates | undefined
  readonly status: SyncStatus | undefined
  readonly freshness: Freshness
  readonly hostLink: boolean
}

/**
 * The aggregates, fetched once and then replaced by every push (the core pushes
 * at most once a second); refetched when the link to the core comes back, so a
 * wall recovers by itself without a reload.
 */
export function useSituation(): Situation {
  const hostLink = useHostLink()
  const status = useSyncStatus()
  const { data, reload } = useRequest('aggregates.get', {})
  const [latest, setLatest] = useState<Aggregates>()
  const [receivedAt, setReceivedAt] = useState<number | null>(null)
  const [hostLostAt, setHostLostAt] = useState<number | null>(null)
  // Timed by this window's clock from when the word arrived (a wall PC's clock may differ from the core's).
  const [silent, setSilent] = useState(false)
  const contactAt = status?.lastContactAt ?? null
  useEffect(() => {
    setSilent(false)
    const timer = setTimeout(() => setSilent(true), SILENT_AFTER_MS)
    return () => clearTimeout(timer)
  }, [contactAt])
  // The newest composition wins, by the core's clock: after a restart of the host its versions start again at 1.
  const take = (a: Aggregates) => {
    setLatest((cur) => (!cur || a.computedAt >= cur.computedAt ? a : cur))
    setReceivedAt(Date.now())
  }
  usePushEvent('aggregates', take)
  useEffect(() => {
    if (data) take(data)
  }, [data])
  useEffect(() => {
    if (!hostLink) setHostLostAt((t) => t ?? Date.now())
    else {
      setHostLostAt(null)
      reload()
    }
  }, [hostLink, reload])
  return {
    aggregates: latest,
    status,
    hostLink,
    freshness: freshness(status, hostLink, { at: receivedAt, hostLostAt }, silent),
  }
}

export interface Names {
  town(id: string): string
  department(id: string): string
  grid(id: string): string
  category(id: CategoryId): string
  area(id: AreaId): string
}

/** Display names from the reference data, in the current language. */
export function useNames(): Names {
  const { t, i18n } = useTranslation('situation')
  const { data: ref, reload } = useRequest('reference.get', {})
  usePushEvent('changes', (c) => {
    if (c.all) reload()
  })
  const en = i18n.language === 'en'
  return useMemo(() => buildNames(ref ?? null, en, t), [ref, en, t])
}

function buildNames(ref: ReferenceData | null, en: boolean, t: (key: string) => string): Names {
  const towns = new Map((ref?.towns ?? []).map((x) => [x.id, en ? x.nameEn : x.name]))
  const depts = new Map((ref?.departments ?? []).map((x) => [x.id, en ? x.nameEn : x.name]))
  const grids = new Map((ref?.grids ?? []).map((x) => [x.id, x.name]))
  return {
    town: (id) => towns.get(id) ?? id,
    department: (id) => depts.get(id) ?? id,
    grid: (id) => grids.get(id) ?? id,
    category: (id) => t(`categories.${id}`),
    area: (id) => t(`areas.${id}`),
  }
}
