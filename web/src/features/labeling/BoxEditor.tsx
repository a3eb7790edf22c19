import { DeleteOutlined } from '@ant-design/icons'
import { Button, List, Select, Space, Typography } from 'antd'
import { useRef, useState, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { boxFromDrag, boxStyle, dragRect, pointIn, type Box, type Point } from './boxes'
import { LabelChoice } from './LabelChoice'
import { labelColorStyle } from './labelColors'
import './labeling.css'

interface BoxEditorProps {
  imageUrl: string
  /** Describes the image for people who cannot see it, e.g. its file name. */
  imageName: string
  labels: string[]
  value: Box[]
  onChange: (boxes: Box[]) => void
}

const percent = (value: number) => `${Math.round(value * 100)}%`

/** Draws labelled boxes on an image: choose a label, then drag over the image. */
export function BoxEditor({ imageUrl, imageName, labels, value, onChange }: BoxEditorProps) {
  const { t } = useTranslation()
  const [activeLabel, setActiveLabel] = useState(labels[0])
  const [drag, setDrag] = useState<{ from: Point; to: Point }>()
  const surface = useRef<HTMLDivElement>(null)
  const pointOf = (event: MouseEvent) => pointIn(surface.current!.getBoundingClientRect(), event.clientX, event.clientY)

  const startDrag = (event: MouseEvent) => {
    if (event.button !== 0) return
    event.preventDefault()
    const point = pointOf(event)
    setDrag({ from: point, to: point })
  }
  const finishDrag = () => {
    if (!drag) return
    const box = activeLabel && boxFromDrag(drag.from, drag.to, activeLabel)
    if (box) onChange([...value, box])
    setDrag(undefined)
  }
  const relabel = (index: number, label: string) => onChange(value.map((box, at) => (at === index ? { ...box, label } : box)))

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <LabelChoice name={t('labeling.labelToApply')} labels={labels} value={activeLabel} onChange={setActiveLabel} />
        <Typography.Text type="secondary">{t('labeling.boxHint')}</Typography.Text>
      </Space>
      <div className="zt-box-canvas">
        <img src={imageUrl} alt={imageName} draggable={false} />
        <div
          ref={surface}
          className="zt-box-surface"
          data-testid="box-surface"
          onMouseDown={startDrag}
          onMouseMove={(event) => drag && setDrag({ ...drag, to: pointOf(event) })}
          onMouseUp={finishDrag}
          onMouseLeave={finishDrag}
        >
          {value.map((box, index) => (
            <div key={index} className="zt-box" style={{ ...boxStyle(box), ...labelColorStyle(labels, box.label) }}>
              <span className="zt-box-label">{box.label}</span>
            </div>
          ))}
          {drag && activeLabel && (
            <div className="zt-box zt-box-draft" style={{ ...boxStyle(dragRect(drag.from, drag.to)), ...labelColorStyle(labels, activeLabel) }} />
          )}
        </div>
      </div>
      <List
        size="small"
        bordered
        locale={{ emptyText: t('labeling.noBoxes') }}
        dataSource={value}
        renderItem={(box, index) => (
          <List.Item
            actions={[
              <Button
                key="remove"
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('labeling.removeBox', { number: index + 1 })}
                onClick={() => onChange(value.filter((_, at) => at !== index))}
              />,
            ]}
          >
            <Space>
              <Typography.Text strong>#{index + 1}</Typography.Text>
              <Select
                size="small"
                aria-label={t('labeling.boxLabel', { number: index + 1 })}
                value={box.label}
                onChange={(label) => relabel(index, label)}
                options={labels.map((label) => ({ value: label, label }))}
                style={{ minWidth: 140 }}
              />
              <Typography.Text type="secondary">
                {t('labeling.boxPlace', { x: percent(box.x), y: percent(box.y), width: percent(box.width), height: percent(box.height) })}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  )
}
