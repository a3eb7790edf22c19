import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Tag } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/describeError'
import type { ColumnProfile } from '../../api/types'
import { Chart } from '../../components/Chart'
import { fetchProfile, VERSIONS_KEY } from './api'
import { CellValue } from './CellValue'
import { columnChartOption } from './profileCharts'

/** Per-column statistics of a ready version, with a chart of each column's values. */
export function ProfilePanel({ versionId }: { versionId: number }) {
  const { t } = useTranslation()
  const profile = useQuery({ queryKey: [...VERSIONS_KEY, versionId, 'profile'], queryFn: () => fetchProfile(versionId) })
  if (profile.isPending) return <Skeleton active />
  if (profile.isError) return <Result status="warning" title={t('datasets.profileFailed')} subTitle={describeError(profile.error, t)} />
  // Versions written by processing jobs have no stored profile yet: the API answers {}.
  if (!Array.isArray(profile.data.columns)) return <Empty description={t('datasets.profileMissing')} />
  const { columns, sampled, sample_rows, row_count } = profile.data
  return (
    <>
      {sampled && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('datasets.profileSampled', { sample: sample_rows.toLocaleString(), rows: row_count.toLocaleString() })}
        />
      )}
      {columns.length === 0 && <Empty description={t('datasets.profileEmpty')} />}
      <Row gutter={[16, 16]}>
        {columns.map((column) => (
          <Col key={column.name} xs={24} lg={12} xxl={8}>
            <ColumnProfileCard column={column} />
          </Col>
        ))}
      </Row>
    </>
  )
}

function ColumnProfileCard({ column }: { column: ColumnProfile }) {
  const { t } = useTranslation()
  const countLabel = t('datasets.profileCount')
  const chartOption = useMemo(() => columnChartOption(column, countLabel), [column, countLabel])
  const chartLabel = t(column.histogram ? 'datasets.histogramOf' : 'datasets.topValuesOf', { column: column.name })
  return (
    <Card size="small" title={column.name} extra={<Tag>{column.type}</Tag>}>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('datasets.profileNulls')}>{column.nulls.toLocaleString()}</Descriptions.Item>
        <Descriptions.Item label={t('datasets.profileDistinct')}>{column.distinct.toLocaleString()}</Descriptions.Item>
        {'min' in column && (
          <Descriptions.Item label={t('datasets.profileMin')}>
            <CellValue value={column.min} />
          </Descriptions.Item>
        )}
        {'max' in column && (
          <Descriptions.Item label={t('datasets.profileMax')}>
            <CellValue value={column.max} />
          </Descriptions.Item>
        )}
        {typeof column.mean === 'number' && (
          <Descriptions.Item label={t('datasets.profileMean')}>{column.mean.toLocaleString(undefined, { maximumFractionDigits: 4 })}</Descriptions.Item>
        )}
        {column.min_length !== undefined && (
          <Descriptions.Item label={t('datasets.profileLength')}>
            {column.min_length}–{column.max_length}
          </Descriptions.Item>
        )}
      </Descriptions>
      {chartOption && <Chart option={chartOption} height={180} label={chartLabel} />}
    </Card>
  )
}
