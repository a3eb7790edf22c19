import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Flex, Form, Input, InputNumber, Radio, Select, type FormRule } from 'antd'
import type { ComponentType, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { StepOp } from '../../api/types'
import { CAST_TYPES, CONDITION_OPS, needsValue, type CastType, type ConditionOp, type StepValues } from './pipeline'

export interface StepFieldsProps {
  /** The step's name in the form's `steps` list. */
  step: number
  /** What the form holds for the step so far. */
  values: StepValues
  /** Columns of the rows reaching this step. */
  columns: string[]
  /** The job's inputs a join step may read. */
  joinable: { value: number; label: string }[]
}

/** The fields of one step, by its operation. */
export function StepFields(props: StepFieldsProps) {
  const Fields = STEP_FIELDS[props.values.op]
  return <Fields {...props} />
}

function useRequired(): FormRule[] {
  const { t } = useTranslation()
  return [{ required: true, message: t('validation.required') }]
}

interface ColumnSelectProps {
  columns: string[]
  multiple?: boolean
  value?: string | string[]
  onChange?: (value: string | string[]) => void
  'aria-label'?: string
}

/** Picks columns of the rows reaching the step; names it does not know can be typed in. */
function ColumnSelect({ columns, multiple, ...props }: ColumnSelectProps) {
  const { t } = useTranslation()
  return (
    <Select
      {...props}
      mode={multiple ? 'tags' : undefined}
      showSearch
      placeholder={t('jobs.column')}
      options={columns.map((column) => ({ value: column, label: column }))}
    />
  )
}

interface FieldRowsProps {
  /** The list's name inside the step. */
  name: (string | number)[]
  addLabel: string
  children: (row: number) => ReactNode
}

/** Rows of fields (conditions, renames…) with buttons to add and remove rows; at least one stays. */
function FieldRows({ name, addLabel, children }: FieldRowsProps) {
  const { t } = useTranslation()
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <>
          {rows.map((row) => (
            <Flex key={row.key} gap={8} align="start">
              {children(row.name)}
              <Button
                type="text"
                icon={<MinusCircleOutlined />}
                aria-label={t('jobs.removeRow')}
                disabled={rows.length === 1}
                onClick={() => remove(row.name)}
              />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  )
}

const grow = (flex: number) => ({ flex, minWidth: 0, marginBottom: 8 })

function SelectFields({ step, columns }: StepFieldsProps) {
  const { t } = useTranslation()
  const required = useRequired()
  return (
    <Form.Item name={[step, 'columns']} label={t('jobs.columnsToKeep')} rules={required}>
      <ColumnSelect columns={columns} multiple />
    </Form.Item>
  )
}

function RenameFields({ step, columns }: StepFieldsProps) {
  const { t } = useTranslation()
  const required = useRequired()
  return (
    <FieldRows name={[step, 'pairs']} addLabel={t('jobs.addRename')}>
      {(row) => (
        <>
          <Form.Item name={[row, 'from']} rules={required} style={grow(1)}>
            <ColumnSelect columns={columns} aria-label={t('jobs.column')} />
          </Form.Item>
          <Form.Item name={[row, 'to']} rules={required} style={grow(1)}>
            <Input aria-label={t('jobs.newName')} placeholder={t('jobs.newName')} />
          </Form.Item>
        </>
      )}
    </FieldRows>
  )
}

function FilterFields({ step, columns, values }: StepFieldsProps) {
  const conditions = values.op === 'filter' ? values.conditions : undefined
  const { t } = useTranslation()
  return (
    <>
      <Form.Item name={[step, 'match']} label={t('jobs.keepRowsMatching')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'all', label: t('jobs.matchAll') },
            { value: 'any', label: t('jobs.matchAny') },
          ]}
        />
      </Form.Item>
      <FieldRows name={[step, 'conditions']} addLabel={t('jobs.addCondition')}>
        {(row) => <ConditionFields row={row} op={conditions?.[row]?.op} columns={columns} />}
      </FieldRows>
    </>
  )
}

function ConditionFields({ row, op, columns }: { row: number; op: ConditionOp | undefined; columns: string[] }) {
  const { t } = useTranslation()
  const required = useRequired()
  const isList = op === 'in' || op === 'not_in'
  return (
    <>
      <Form.Item name={[row, 'column']} rules={required} style={grow(2)}>
        <ColumnSelect columns={columns} aria-label={t('jobs.column')} />
      </Form.Item>
      <Form.Item name={[row, 'op']} rules={required} style={grow(1)}>
        <Select<ConditionOp>
          aria-label={t('jobs.operator')}
          popupMatchSelectWidth={false}
          options={CONDITION_OPS.map((value) => ({ value, label: t(`jobs.operators.${value}`) }))}
        />
      </Form.Item>
      {needsValue(op) && (
        <Form.Item name={[row, 'value']} rules={required} style={grow(2)}>
          <Input aria-label={t('jobs.value')} placeholder={isList ? t('jobs.valuesPlaceholder') : t('jobs.value')} />
        </Form.Item>
      )}
    </>
  )
}

function DropDuplicatesFields({ step, columns }: StepFieldsProps) {
  const { t } = useTranslation()
  return (
    <Form.Item name={[step, 'columns']} label={t('jobs.duplicateKey')} extra={t('jobs.duplicateKeyHelp')}>
      <ColumnSelect columns={columns} multiple />
    </Form.Item>
  )
}

function FillMissingFields({ step, columns }: StepFieldsProps) {
  const { t } = useTranslation()
  const required = useRequired()
  return (
    <FieldRows name={[step, 'fills']} addLabel={t('jobs.addFill')}>
      {(row) => (
        <>
          <Form.Item name={[row, 'column']} rules={required} style={grow(1)}>
            <ColumnSelect columns={columns} aria-label={t('jobs.column')} />
          </Form.Item>
          <Form.Item name={[row, 'value']} rules={required} style={grow(1)}>
            <Input aria-label={t('jobs.fillValue')} placeholder={t('jobs.fillValue')} />
          </Form.Item>
        </>
      )}
    </FieldRows>
  )
}

function CastFields({ step, columns }: StepFieldsProps) {
  const { t } = useTranslation()
  const required = useRequired()
  return (
    <FieldRows name={[step, 'casts']} addLabel={t('jobs.addCast')}>
      {(row) => (
        <>
          <Form.Item name={[row, 'column']} rules={required} style={grow(1)}>
            <ColumnSelect columns={columns} aria-label={t('jobs.column')} />
          </Form.Item>
          <Form.Item name={[row, 'type']} rules={required} style={grow(1)}>
            <Select<CastType>
              aria-label={t('jobs.castTo')}
              placeholder={t('jobs.castTo')}
              options={Object.keys(CAST_TYPES).map((type) => ({ value: type, label: t(`jobs.castTypes.${type as CastType}`) }))}
            />
          </Form.Item>
        </>
      )}
    </FieldRows>
  )
}

function JoinFields({ step, columns, joinable }: StepFieldsProps) {
  const { t } = useTranslation()
  const required = useRequired()
  return (
    <>
      <Form.Item name={[step, 'version']} label={t('jobs.joinWith')} extra={joinable.length ? undefined : t('jobs.joinNeedsInput')} rules={required}>
        <Select<number> options={joinable} />
      </Form.Item>
      <Form.Item name={[step, 'on']} label={t('jobs.joinOn')} rules={required}>
        <ColumnSelect columns={columns} multiple />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item name={[step, 'how']} label={t('jobs.joinHow')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'inner', label: t('jobs.innerJoin') },
              { value: 'left', label: t('jobs.leftJoin') },
            ]}
          />
        </Form.Item>
        <Form.Item name={[step, 'suffix']} label={t('jobs.suffix')} extra={t('jobs.suffixHelp')}>
          <Input />
        </Form.Item>
      </Flex>
    </>
  )
}

function SplitFields({ step }: StepFieldsProps) {
  const { t } = useTranslation()
  const required = useRequired()
  return (
    <Flex gap={16} wrap>
      <Form.Item name={[step, 'test_fraction']} label={t('jobs.testFraction')} rules={required}>
        <InputNumber min={0.01} max={0.99} step={0.05} />
      </Form.Item>
      <Form.Item name={[step, 'column']} label={t('jobs.splitColumn')}>
        <Input />
      </Form.Item>
      <Form.Item name={[step, 'seed']} label={t('jobs.seed')}>
        <InputNumber min={0} precision={0} />
      </Form.Item>
    </Flex>
  )
}

function SampleFields({ step, values }: StepFieldsProps) {
  const { t } = useTranslation()
  const required = useRequired()
  const by = values.op === 'sample' ? values.by : undefined
  return (
    <Flex gap={16} wrap align="start">
      <Form.Item name={[step, 'by']} label={t('jobs.sampleBy')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'n', label: t('jobs.sampleRows') },
            { value: 'fraction', label: t('jobs.sampleFraction') },
          ]}
        />
      </Form.Item>
      {by === 'fraction' ? (
        <Form.Item name={[step, 'fraction']} label={t('jobs.fraction')} rules={required}>
          <InputNumber min={0.01} max={0.99} step={0.05} />
        </Form.Item>
      ) : (
        <Form.Item name={[step, 'n']} label={t('jobs.rowCount')} rules={required}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
      )}
      <Form.Item name={[step, 'seed']} label={t('jobs.seed')}>
        <InputNumber min={0} precision={0} />
      </Form.Item>
    </Flex>
  )
}

const STEP_FIELDS: Record<StepOp, ComponentType<StepFieldsProps>> = {
  select: SelectFields,
  rename: RenameFields,
  filter: FilterFields,
  drop_duplicates: DropDuplicatesFields,
  fill_missing: FillMissingFields,
  cast: CastFields,
  join: JoinFields,
  split: SplitFields,
  sample: SampleFields,
}
