import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Locale } from '@shared/contract'
import { componentOpsEn, componentOpsZh, componentSituationEn, componentSituationZh } from '../components/locales'
import { consoleEn, consoleZh } from '../views/console/locales'
import { bulkEn, bulkZh } from '../views/console/bulk-locales'
import { approvalsEn, approvalsZh } from '../views/approvals/locales'
import { assessmentEn, assessmentZh } from '../views/assessment/locales'
import { rulesetsEn, rulesetsZh } from '../views/rulesets/locales'
import { dashboardEn, dashboardZh } from '../views/dashboard/locales'
import { departmentEn, departmentZh } from '../views/department/locales'
import { dispatchEn, dispatchZh } from '../views/dispatch/locales'
import { mapEn, mapZh } from '../views/map/locales'
import { screensEn, screensZh } from '../views/settings/locales'
import { signinEn, signinZh } from '../views/signin/locales'
import { verifyEn, verifyZh } from '../views/verify/locales'
import { wallEn, wallZh } from '../views/wall/locales'
import { en } from './en'
import { mergeStrings } from './merge-strings'
import { opsSharedEn, opsSharedZh, situationSharedEn, situationSharedZh } from './shared-strings'
import { zhCN } from './zh-CN'

export const DEFAULT_LOCALE: Locale = 'zh-CN'

void i18n.use(initReactI18next).init({
  // Strings live beside what owns them: a view's in its folder, a shared widget's in components/,
  // vocabulary several views read in i18n/. Each namespace is assembled here from those parts.
  resources: {
    'zh-CN': {
      translation: zhCN,
      ops: mergeStrings(
        'ops',
        opsSharedZh,
        componentOpsZh,
        consoleZh,
        bulkZh,
        dispatchZh,
        departmentZh,
        verifyZh,
        approvalsZh,
      ),
      situation: mergeStrings(
        'situation',
        situationSharedZh,
        componentSituationZh,
        dashboardZh,
        mapZh,
        wallZh,
        screensZh,
      ),
      signin: signinZh,
      assessment: assessmentZh,
      rulesets: rulesetsZh,
    },
    en: {
      translation: en,
      ops: mergeStrings(
        'ops',
        opsSharedEn,
        componentOpsEn,
        consoleEn,
        bulkEn,
        dispatchEn,
        departmentEn,
        verifyEn,
        approvalsEn,
      ),
      situation: mergeStrings(
        'situation',
        situationSharedEn,
        componentSituationEn,
        dashboardEn,
        mapEn,
        wallEn,
        screensEn,
      ),
      signin: signinEn,
      assessment: assessmentEn,
      rulesets: rulesetsEn,
    },
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
