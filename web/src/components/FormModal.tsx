import { Form, Modal, type FormInstance } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from './FormErrors'

interface FormModalProps<TValues> {
  title: string
  /** From useApiForm. */
  form: FormInstance<TValues>
  onFinish: (values: TValues) => void
  saving: boolean
  formErrors: string[]
  onCancel: () => void
  okText?: string
  initialValues?: Partial<TValues>
  children: ReactNode
}

/**
 * A modal holding one API form; its OK button submits and is disabled while saving.
 * Render it only while it is wanted (`{editing && <…FormModal />}`), so each opening starts fresh.
 */
export function FormModal<TValues>({
  title,
  form,
  onFinish,
  saving,
  formErrors,
  onCancel,
  okText,
  initialValues,
  children,
}: FormModalProps<TValues>) {
  const { t } = useTranslation()
  return (
    <Modal
      open
      title={title}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      okButtonProps={{ loading: saving, disabled: saving }}
    >
      <FormErrors errors={formErrors} />
      <Form<TValues> form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues} disabled={saving}>
        {children}
        {/* Lets Enter submit the form. */}
        <button type="submit" hidden />
      </Form>
    </Modal>
  )
}
