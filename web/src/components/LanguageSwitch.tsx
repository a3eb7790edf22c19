import { TranslationOutlined } from '@ant-design/icons'
import { Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { chooseLanguage, currentLanguage, LANGUAGES, type LanguageCode } from '../i18n'

/** Switches the interface language; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation()
  return (
    <Select<LanguageCode>
      aria-label={t('header.language')}
      data-testid="language-switch"
      value={currentLanguage()}
      onChange={(code) => void chooseLanguage(code)}
      options={LANGUAGES.map(({ code, label }) => ({ value: code, label }))}
      suffixIcon={<TranslationOutlined />}
      variant="borderless"
      popupMatchSelectWidth={false}
    />
  )
}
