import i18n from 'i18next'
import LanguageDetector from 'i18next-browser-languagedetector'
import { initReactI18next } from 'react-i18next'
import en from '../locales/en.json'
import zhCN from '../locales/zh-CN.json'

export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
] as const
export type LanguageCode = (typeof LANGUAGES)[number]['code']

/** Only an explicit choice is stored; otherwise the browser's language decides, then Chinese. */
export const LANGUAGE_STORAGE_KEY = 'zt.language'

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    supportedLngs: LANGUAGES.map((language) => language.code),
    fallbackLng: 'zh-CN',
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: [],
    },
    interpolation: { escapeValue: false },
  })

export function currentLanguage(): LanguageCode {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'zh-CN'
}

export async function chooseLanguage(code: LanguageCode): Promise<void> {
  localStorage.setItem(LANGUAGE_STORAGE_KEY, code)
  await i18n.changeLanguage(code)
}

export default i18n
