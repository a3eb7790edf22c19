import { DatePicker, Form, InputNumber, Radio, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DataSource } from '../../api/types'
import { TagsInput } from '../../components/TagsInput'
import { startConsume } from './api'
import { IngestionFormModal } from './IngestionFormModal'
import { DEFAULT_MAX_MESSAGES, toKafkaWindow, type KafkaWindowValues } from './kafkaWindow'

/** Consumes a window of a Kafka source's topic into a new JSON Lines version. */
export function ConsumeModal({ source, onClose }: { source: DataSource; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <IngestionFormModal<KafkaWindowValues>
      title={t('sources.consumeTitle', { name: source.name })}
      source={source}
      format="jsonl"
      start={(values) => startConsume(source.id, toKafkaWindow(values))}
      initialValues={{ by: 'offset', start_offset: 0, max_messages: DEFAULT_MAX_MESSAGES }}
      onClose={onClose}
    >
      <Form.Item name="by" label={t('sources.window')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'offset', label: t('sources.byOffset') },
            { value: 'time', label: t('sources.byTime') },
          ]}
        />
      </Form.Item>
      <WindowBoundsFields />
      <Form.Item name="partitions" label={t('sources.partitions')} extra={t('sources.partitionsHelp')}>
        <TagsInput tokenSeparators={[',', '，', ' ']} placeholder="0, 1, 2" />
      </Form.Item>
      <Form.Item name="max_messages" label={t('sources.maxMessages')} extra={t('sources.maxMessagesHelp')}>
        <InputNumber min={1} max={10_000_000} style={{ width: '100%' }} />
      </Form.Item>
    </IngestionFormModal>
  )
}

function WindowBoundsFields() {
  const { t } = useTranslation()
  const by = Form.useWatch<KafkaWindowValues['by']>('by')
  if (by === 'time') {
    return (
      <Form.Item
        name="times"
        label={t('sources.timeRange')}
        extra={t('sources.openEndHelp')}
        rules={[{ validator: (_, times: KafkaWindowValues['times']) => (times?.[0] ? Promise.resolve() : Promise.reject(new Error(t('sources.startRequired')))) }]}
      >
        <DatePicker.RangePicker showTime allowEmpty={[false, true]} style={{ width: '100%' }} />
      </Form.Item>
    )
  }
  return (
    <Space align="start" style={{ display: 'flex' }}>
      <Form.Item name="start_offset" label={t('sources.startOffset')} rules={[{ required: true, message: t('validation.required') }]}>
        <InputNumber min={0} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="end_offset" label={t('sources.endOffset')} extra={t('sources.openEndHelp')}>
        <InputNumber min={1} style={{ width: 200 }} />
      </Form.Item>
    </Space>
  )
}
