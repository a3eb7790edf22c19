import { InboxOutlined, UploadOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Flex, Input, Progress, Upload, type UploadFile } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/describeError'
import type { Dataset, DatasetFormat } from '../../api/types'
import { DATASETS_KEY, uploadVersion, VERSIONS_KEY } from './api'

/** File name endings the API accepts per format (data_platform/services/formats/sniff.py). */
const ACCEPTED_EXTENSIONS: Record<DatasetFormat, string[]> = {
  csv: ['.csv'],
  parquet: ['.parquet', '.pq'],
  jsonl: ['.jsonl', '.ndjson'],
  image_zip: ['.zip'],
}

function isCancelled(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/** Drop files, then upload them together as the dataset's next version, with a progress bar. */
export function VersionUploader({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [files, setFiles] = useState<UploadFile[]>([])
  const [note, setNote] = useState('')
  const [progress, setProgress] = useState(0)
  const abort = useRef<AbortController | null>(null)
  const extensions = ACCEPTED_EXTENSIONS[dataset.format]

  const upload = useMutation({
    mutationFn: () => {
      abort.current = new AbortController()
      setProgress(0)
      const chosen = files.flatMap((file) => (file.originFileObj ? [file.originFileObj] : []))
      return uploadVersion(dataset.id, chosen, note.trim(), { onProgress: setProgress, signal: abort.current.signal })
    },
    onSuccess: async (version) => {
      void message.success(t('datasets.uploaded', { number: version.number }))
      setFiles([])
      setNote('')
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: VERSIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: DATASETS_KEY }),
      ])
    },
    onError: (error) => {
      if (isCancelled(error)) void message.info(t('datasets.uploadCancelled'))
    },
  })
  const sending = upload.isPending

  return (
    <>
      <Upload.Dragger
        multiple
        accept={extensions.join(',')}
        fileList={files}
        beforeUpload={() => false}
        onChange={({ fileList }) => {
          setFiles(fileList)
          upload.reset()
        }}
        disabled={sending}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('datasets.dropFiles')}</p>
        <p className="ant-upload-hint">{t('datasets.dropHint', { extensions: extensions.join(', ') })}</p>
      </Upload.Dragger>
      <Flex gap={8} style={{ marginTop: 16 }}>
        <Input
          aria-label={t('datasets.message')}
          placeholder={t('datasets.messagePlaceholder')}
          value={note}
          maxLength={500}
          onChange={(event) => setNote(event.target.value)}
          disabled={sending}
        />
        <Button
          type="primary"
          icon={<UploadOutlined />}
          disabled={files.length === 0 || sending}
          loading={sending}
          onClick={() => upload.mutate()}
        >
          {t('datasets.upload')}
        </Button>
        {sending && <Button onClick={() => abort.current?.abort()}>{t('common.cancel')}</Button>}
      </Flex>
      {sending && (
        <div role="status" style={{ marginTop: 12 }}>
          <Progress percent={Math.floor(progress * 100)} status="active" aria-label={t('datasets.uploadProgress')} />
          {progress >= 1 && t('datasets.finishingUpload')}
        </div>
      )}
      {upload.isError && !isCancelled(upload.error) && (
        <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} message={describeError(upload.error, t)} />
      )}
    </>
  )
}
