import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthProvider } from '../features/auth/AuthProvider'

function useDocumentLanguage() {
  const { i18n } = useTranslation()
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-CN'
  useEffect(() => {
    document.documentElement.lang = language
    dayjs.locale(language === 'en' ? 'en' : 'zh-cn')
  }, [language])
  return language
}

/** Everything every page needs: data cache, antd theme and locale, and the signed-in user. */
export function Providers({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  const language = useDocumentLanguage()
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
        <AntApp>
          <AuthProvider>{children}</AuthProvider>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  )
}
