import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../components/EmptyState'

export function DispatchView() {
  const { t } = useTranslation()
  return <EmptyState title={t('views.dispatch.title')} body={t('views.console.empty')} />
}
