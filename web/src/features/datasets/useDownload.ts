import { useMutation } from '@tanstack/react-query'
import { App } from 'antd'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/describeError'
import { resolveDownloadUrl } from './api'

/** Downloads one of a version's files through its short-lived URL; failures are reported. */
export function useDownload(versionId: number) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const download = useMutation({
    mutationFn: (file: string) => resolveDownloadUrl(versionId, file),
    onSuccess: (url) => {
      // The URL answers as an attachment: the browser saves it and stays on this page.
      const link = document.createElement('a')
      link.href = url
      link.click()
    },
    onError: (error) => void message.error(describeError(error, t)),
  })
  return { start: download.mutate, downloading: download.isPending ? download.variables : undefined }
}
