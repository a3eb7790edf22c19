import { useQuery } from '@tanstack/react-query'
import { Empty, type TableColumnsType } from 'antd'
import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/DataTable'
import { fetchPreview, VERSIONS_KEY } from './api'
import { CellValue } from './CellValue'

type PreviewRow = { key: number; cells: unknown[] }

/** The first rows of a ready version, as the validation stored them. */
export function PreviewTable({ versionId }: { versionId: number }) {
  const { t } = useTranslation()
  const preview = useQuery({ queryKey: [...VERSIONS_KEY, versionId, 'preview'], queryFn: () => fetchPreview(versionId) })
  // Versions written by processing jobs have no stored preview yet: the API answers {}.
  if (preview.data && !Array.isArray(preview.data.columns)) return <Empty description={t('datasets.previewMissing')} />
  const rows: PreviewRow[] = (preview.data?.rows ?? []).map((cells, index) => ({ key: index, cells }))
  const columns: TableColumnsType<PreviewRow> = (preview.data?.columns ?? []).map((name, index) => ({
    title: name,
    key: name,
    render: (_, row) => <CellValue value={row.cells[index]} />,
  }))
  return (
    <DataTable<PreviewRow>
      query={preview}
      rows={rows}
      columns={columns}
      rowKey="key"
      size="small"
      pagination={false}
      emptyText={t('datasets.previewEmpty')}
    />
  )
}
