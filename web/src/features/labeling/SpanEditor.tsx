import { DeleteOutlined } from '@ant-design/icons'
import { Button, List, Space, Tag, Typography } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LabelChoice } from './LabelChoice'
import { labelColor, labelColorStyle } from './labelColors'
import { addSpan, segments, selectedOffsets, type TextSpan } from './spans'
import './labeling.css'

interface SpanEditorProps {
  text: string
  labels: string[]
  value: TextSpan[]
  onChange: (spans: TextSpan[]) => void
}

/** Marks spans of a text: choose a label, then select the words it applies to. */
export function SpanEditor({ text, labels, value, onChange }: SpanEditorProps) {
  const { t } = useTranslation()
  const [activeLabel, setActiveLabel] = useState(labels[0])
  const textRef = useRef<HTMLDivElement>(null)

  const markSelection = () => {
    const selection = window.getSelection()
    if (!activeLabel || !textRef.current || !selection || selection.rangeCount === 0) return
    const offsets = selectedOffsets(textRef.current, selection.getRangeAt(0))
    if (!offsets) return
    onChange(addSpan(value, { ...offsets, label: activeLabel }))
    selection.removeAllRanges()
  }
  const chars = Array.from(text)

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <LabelChoice name={t('labeling.labelToApply')} labels={labels} value={activeLabel} onChange={setActiveLabel} />
        <Typography.Text type="secondary">{t('labeling.spanHint')}</Typography.Text>
      </Space>
      <div ref={textRef} className="zt-span-text" data-testid="span-text" onMouseUp={markSelection} onKeyUp={markSelection}>
        {segments(text, value).map((segment) =>
          segment.span ? (
            <mark key={segment.start} className="zt-span" data-label={segment.span.label} style={labelColorStyle(labels, segment.span.label)}>
              {segment.text}
            </mark>
          ) : (
            <span key={segment.start}>{segment.text}</span>
          ),
        )}
      </div>
      <List
        size="small"
        bordered
        locale={{ emptyText: t('labeling.noSpans') }}
        dataSource={value}
        renderItem={(span) => (
          <List.Item
            actions={[
              <Button
                key="remove"
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('labeling.removeSpan', { text: chars.slice(span.start, span.end).join('') })}
                onClick={() => onChange(value.filter((other) => other !== span))}
              />,
            ]}
          >
            <Space>
              <Tag color={labelColor(labels, span.label)}>{span.label}</Tag>
              <Typography.Text>{chars.slice(span.start, span.end).join('')}</Typography.Text>
              <Typography.Text type="secondary">
                {span.start}–{span.end}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  )
}
