import { DeleteOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { Button, Card, Empty, Flex, Form, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SchemaColumn, SearchHit, VectorCollection } from '../../api/types'
import { FormErrors } from '../../components/FormErrors'
import { SubmitButton } from '../../components/SubmitButton'
import { useApiForm } from '../../hooks/useApiForm'
import { CellValue } from '../datasets/CellValue'
import { searchCollection } from './api'
import { toSearchFilters, type FilterCondition, type FilterOperator } from './searchFilters'

interface SearchValues {
  query: string
  top_k: number
  filters?: FilterCondition[]
}

const OPERATORS: FilterOperator[] = ['eq', 'in', 'gte', 'lte']
const DEFAULT_TOP_K = 10
const MAX_TOP_K = 100

/** Searches a ready collection by meaning, narrowed by its metadata columns. */
export function SearchPanel({ collection, columns }: { collection: VectorCollection; columns: SchemaColumn[] }) {
  const { t } = useTranslation()
  const [hits, setHits] = useState<SearchHit[]>()
  const { form, onFinish, saving, formErrors } = useApiForm<SearchValues, SearchHit[]>({
    submit: async ({ query, top_k, filters = [] }) =>
      (await searchCollection(collection.id, { query, top_k, filters: toSearchFilters(filters, columns) })).results,
    onSuccess: setHits,
  })

  return (
    <Card title={t('collections.search')}>
      <FormErrors errors={formErrors} />
      <Form<SearchValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ top_k: DEFAULT_TOP_K, filters: [] }}>
        <Flex gap={8} align="flex-start" wrap>
          <Form.Item
            name="query"
            label={t('collections.query')}
            style={{ flex: 1, minWidth: 280 }}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input allowClear placeholder={t('collections.queryPlaceholder')} />
          </Form.Item>
          <Form.Item name="top_k" label={t('collections.topK')}>
            <InputNumber min={1} max={MAX_TOP_K} precision={0} style={{ width: 100 }} />
          </Form.Item>
        </Flex>
        <MetadataFilters columns={collection.metadata_columns ?? []} />
        <SubmitButton saving={saving}>
          <SearchOutlined /> {t('collections.searchButton')}
        </SubmitButton>
      </Form>
      {hits && <SearchResults hits={hits} />}
    </Card>
  )
}

function MetadataFilters({ columns }: { columns: string[] }) {
  const { t } = useTranslation()
  return (
    <Form.List name="filters">
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t('collections.filters')} extra={columns.length === 0 && t('collections.noMetadata')}>
          {fields.map(({ key, name }) => (
            <Space key={key} align="baseline" wrap>
              <Form.Item name={[name, 'column']} rules={[{ required: true, message: t('validation.required') }]}>
                <Select aria-label={t('collections.filterColumn')} style={{ width: 180 }} options={columns.map((column) => ({ value: column, label: column }))} />
              </Form.Item>
              <Form.Item name={[name, 'operator']} initialValue="eq">
                <Select
                  aria-label={t('collections.filterOperator')}
                  style={{ width: 140 }}
                  options={OPERATORS.map((operator) => ({ value: operator, label: t(`collections.operators.${operator}`) }))}
                />
              </Form.Item>
              <Form.Item name={[name, 'value']} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                <Input aria-label={t('collections.filterValue')} style={{ width: 220 }} placeholder={t('collections.filterValuePlaceholder')} />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('collections.removeFilter')} onClick={() => remove(name)} />
            </Space>
          ))}
          <div>
            <Button type="dashed" icon={<PlusOutlined />} disabled={columns.length === 0} onClick={() => add({ operator: 'eq' })}>
              {t('collections.addFilter')}
            </Button>
          </div>
          {/* The API's refusals of the filters land here. */}
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  )
}

function SearchResults({ hits }: { hits: SearchHit[] }) {
  const { t } = useTranslation()
  if (hits.length === 0) return <Empty description={t('collections.noResults')} />
  return (
    <List
      header={<Typography.Text strong>{t('collections.resultCount', { number: hits.length })}</Typography.Text>}
      dataSource={hits}
      renderItem={(hit, index) => (
        <List.Item>
          <List.Item.Meta
            avatar={
              <Space direction="vertical" size={0} align="center" style={{ minWidth: 64 }}>
                <Typography.Text type="secondary">#{index + 1}</Typography.Text>
                <Tag color="blue" title={t('collections.scoreHelp')}>
                  {hit.score.toFixed(3)}
                </Tag>
              </Space>
            }
            title={<Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>{hit.text}</Typography.Paragraph>}
            description={
              <Space size={[4, 4]} wrap>
                <Tag>{t('collections.row', { id: hit.id })}</Tag>
                {Object.entries(hit.metadata).map(([name, value]) => (
                  <Tag key={name}>
                    {name}: <CellValue value={value} />
                  </Tag>
                ))}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  )
}
