import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../components/EmptyState'

export function ConsoleView() {
  const { t } = useTranslation()
  return <EmptyState title={t('views.console.title')} body={t('views.console.empty')} />
}
