import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Locale } from '@shared/contract'
import { opsEn, opsZh } from '../views/console/locales'
import { situationEn, situationZh } from '../views/dashboard/locales'
import { en } from './en'
import { zhCN } from './zh-CN'

export const DEFAULT_LOCALE: Locale = 'zh-CN'

void i18n.use(initReactI18next).init({
  // Each area of the app keeps its strings beside its views, in its own namespace.
  resources: {
    'zh-CN': { translation: zhCN, ops: opsZh, situation: situationZh },
    en: { translation: en, ops: opsEn, situation: situationEn },
  },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  interpolation: { escapeValue: false },
  returnNull: false,
})

export function applyLocale(locale: Locale): void {
  void i18n.changeLanguage(locale)
  document.documentElement.lang = locale
}

export { i18n }
