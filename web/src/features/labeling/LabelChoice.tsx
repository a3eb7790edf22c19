import { Radio } from 'antd'
import { labelColor } from './labelColors'

interface LabelChoiceProps {
  labels: string[]
  value: string | undefined
  onChange: (label: string) => void
  /** What the choice is for, e.g. "Label" or "Label to apply". */
  name: string
}

/** One label of the project's set, as coloured buttons. */
export function LabelChoice({ labels, value, onChange, name }: LabelChoiceProps) {
  return (
    <Radio.Group aria-label={name} value={value} onChange={(event) => onChange(event.target.value as string)} buttonStyle="solid">
      {labels.map((label) => (
        <Radio.Button key={label} value={label} style={value === label ? { background: labelColor(labels, label), borderColor: labelColor(labels, label) } : undefined}>
          {label}
        </Radio.Button>
      ))}
    </Radio.Group>
  )
}
