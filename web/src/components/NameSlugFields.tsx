import { Form, Input, type FormInstance } from 'antd'
import { useTranslation } from 'react-i18next'
import { slugify } from './format'
import { NameField } from './NameField'

export interface NameSlugValues {
  name: string
  slug: string
  description?: string
}

const SLUG_PATTERN = /^[-a-zA-Z0-9_]+$/

/** Only the fields the API accepts, whatever else the form's initial values held. */
export function nameSlugBody({ name, slug, description }: NameSlugValues): NameSlugValues {
  return { name, slug, description: description ?? '' }
}

interface NameSlugFieldsProps {
  form: FormInstance
  /** When creating, the slug follows the name (ASCII names only) until it is edited by hand. */
  slugFollowsName: boolean
}

/** Name, slug and description fields of organizations and projects. */
export function NameSlugFields({ form, slugFollowsName }: NameSlugFieldsProps) {
  const { t } = useTranslation()
  const suggestSlug = (name: string) => {
    if (slugFollowsName && !form.isFieldTouched('slug')) form.setFieldValue('slug', slugify(name))
  }
  return (
    <>
      <NameField onChange={(event) => suggestSlug(event.target.value)} />
      <Form.Item
        name="slug"
        label={t('fields.slug')}
        extra={t('fields.slugHelp')}
        rules={[
          { required: true, message: t('validation.required') },
          { min: 2, message: t('validation.minLength', { min: 2 }) },
          { max: 50, message: t('validation.maxLength', { max: 50 }) },
          { pattern: SLUG_PATTERN, message: t('validation.slug') },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('fields.description')}
        rules={[{ max: 2000, message: t('validation.maxLength', { max: 2000 }) }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
    </>
  )
}
