import { DownloadOutlined } from '@ant-design/icons'
import { Button, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DatasetVersion, ManifestFile, SchemaColumn } from '../../api/types'
import { formatBytes } from '../../components/format'
import { useDownload } from './useDownload'

/** The files a version holds, with their size and checksum, each downloadable once the version is ready. */
export function ManifestFilesTable({ version }: { version: DatasetVersion }) {
  const { t } = useTranslation()
  const download = useDownload(version.id)
  return (
    <Table<ManifestFile>
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={version.files}
      columns={[
        { title: t('datasets.file'), dataIndex: 'path' },
        { title: t('datasets.size'), dataIndex: 'size', align: 'right', render: formatBytes, className: 'nowrap' },
        {
          title: 'SHA-256',
          dataIndex: 'sha256',
          render: (sha256: string) => (sha256 ? <Typography.Text code copyable={{ text: sha256 }}>{sha256.slice(0, 16)}…</Typography.Text> : '—'),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_, file) =>
            version.status === 'ready' && (
              <Button
                type="link"
                size="small"
                icon={<DownloadOutlined />}
                loading={download.downloading === file.path}
                onClick={() => download.start(file.path)}
              >
                {t('datasets.download')}
              </Button>
            ),
        },
      ]}
    />
  )
}

/** A version's columns and their Arrow types. */
export function SchemaTable({ columns }: { columns: SchemaColumn[] }) {
  const { t } = useTranslation()
  return (
    <Table<SchemaColumn>
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={columns}
      columns={[
        { title: t('datasets.column'), dataIndex: 'name' },
        { title: t('datasets.type'), dataIndex: 'type', render: (type: string) => <Typography.Text code>{type}</Typography.Text> },
      ]}
    />
  )
}
