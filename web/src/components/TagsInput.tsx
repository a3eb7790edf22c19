import { Select, type SelectProps } from 'antd'

type TagsInputProps = Omit<SelectProps<string[]>, 'mode' | 'options' | 'suffixIcon' | 'notFoundContent'>

/** A list of short texts typed one by one: Enter, or a comma (ASCII or Chinese), ends each. */
export function TagsInput(props: TagsInputProps) {
  return <Select<string[]> mode="tags" suffixIcon={null} notFoundContent={null} tokenSeparators={[',', '，']} {...props} />
}
