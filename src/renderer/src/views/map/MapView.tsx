import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../components/EmptyState'

export function MapView() {
  const { t } = useTranslation()
  return <EmptyState title={t('views.map.title')} body={t('views.console.empty')} />
}
