import { Form, Input, type InputProps } from 'antd'
import { useTranslation } from 'react-i18next'

/** The required "name" field of the platform's objects (at most 100 characters, as the API allows). */
export function NameField({ onChange }: Pick<InputProps, 'onChange'>) {
  const { t } = useTranslation()
  return (
    <Form.Item
      name="name"
      label={t('fields.name')}
      rules={[
        { required: true, whitespace: true, message: t('validation.required') },
        { max: 100, message: t('validation.maxLength', { max: 100 }) },
      ]}
    >
      <Input onChange={onChange} />
    </Form.Item>
  )
}
