import 'i18next'
import type en from '../locales/en.json'

// Makes t('some.key') a compile error when the key is missing from the English catalogue;
// src/i18n/locales.test.ts checks that zh-CN has exactly the same keys.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof en }
  }
}
