import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../components/EmptyState'

export function WallView() {
  const { t } = useTranslation()
  return <EmptyState title={t('views.wall.title')} body={t('views.console.empty')} />
}
