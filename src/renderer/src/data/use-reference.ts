import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '@shared/contract'
import { usePushEvent, useRequest } from '../api/hooks'
import { buildReferenceIndex, type ReferenceIndex } from './reference-index'

/** Reference data (towns, grids, departments, teams) and name lookups in the current language. */
export function useReference() {
  const { i18n } = useTranslation('ops')
  const { data, reload } = useRequest('reference.get', {})
  // Reference data only changes with a reset (a new server or a new version of its data).
  usePushEvent('changes', (n) => {
    if (n.all || !data) reload()
  })
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN'
  const index: ReferenceIndex = useMemo(() => buildReferenceIndex(data, locale), [data, locale])
  return { reference: data ?? null, index, locale }
}
