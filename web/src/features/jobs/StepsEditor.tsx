import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Dropdown, Empty, Flex, Form, Input, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { STEP_OPS, type StepOp } from '../../api/types'
import { newStep, type Schema, type StepValues } from './pipeline'
import { StepFields, type StepFieldsProps } from './StepFields'

interface StepsEditorProps {
  /** What the form holds for each step so far. */
  steps: StepValues[]
  /** The schema reaching each step. */
  schemas: Schema[]
  joinable: StepFieldsProps['joinable']
  /** The API's complaint about a step, by position. */
  stepErrors: Record<number, string>
}

/** The pipeline's steps, in order: add, remove, move and fill in each one. */
export function StepsEditor({ steps, schemas, joinable, stepErrors }: StepsEditorProps) {
  const { t } = useTranslation()
  return (
    <Form.List name="steps">
      {(fields, { add, remove, move }) => (
        <Flex vertical gap={12}>
          {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jobs.noSteps')} />}
          {fields.map((field, index) => {
            // The watched values lag one render behind a newly added step.
            const values = steps[index]
            if (!values) return null
            return (
              <StepCard
                key={field.key}
                step={field.name}
                values={values}
                position={index}
                isLast={index === fields.length - 1}
                columns={Object.keys(schemas[index] ?? {})}
                joinable={joinable}
                error={stepErrors[index]}
                onMove={(to) => move(index, to)}
                onRemove={() => remove(field.name)}
              />
            )
          })}
          <Dropdown
            trigger={['click']}
            menu={{
              items: STEP_OPS.map((op) => ({ key: op, label: t(`jobs.ops.${op}`) })),
              onClick: ({ key }) => add(newStep(key as StepOp)),
            }}
          >
            <Button type="dashed" icon={<PlusOutlined />} block>
              {t('jobs.addStep')}
            </Button>
          </Dropdown>
        </Flex>
      )}
    </Form.List>
  )
}

interface StepCardProps extends StepFieldsProps {
  position: number
  isLast: boolean
  error?: string
  onMove: (to: number) => void
  onRemove: () => void
}

function StepCard({ position, isLast, error, onMove, onRemove, ...fields }: StepCardProps) {
  const { t } = useTranslation()
  const { step, values } = fields
  const title = t('jobs.stepTitle', { number: position + 1, op: t(`jobs.ops.${values.op}`) })
  return (
    <Card
      size="small"
      role="group"
      aria-label={title}
      title={title}
      style={error ? { borderColor: '#ff4d4f' } : undefined}
      extra={
        <Space size={0}>
          <Button type="text" icon={<ArrowUpOutlined />} aria-label={t('jobs.moveUp')} disabled={position === 0} onClick={() => onMove(position - 1)} />
          <Button type="text" icon={<ArrowDownOutlined />} aria-label={t('jobs.moveDown')} disabled={isLast} onClick={() => onMove(position + 1)} />
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('jobs.removeStep')} onClick={onRemove} />
        </Space>
      }
    >
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
      <Form.Item name={[step, 'op']} hidden>
        <Input />
      </Form.Item>
      <StepFields {...fields} />
    </Card>
  )
}
