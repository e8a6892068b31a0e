import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../components/EmptyState'

export function DashboardView() {
  const { t } = useTranslation()
  return <EmptyState title={t('views.dashboard.title')} body={t('views.console.empty')} />
}
