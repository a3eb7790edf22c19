import { DeleteOutlined } from '@ant-design/icons'
import { App, Button, Popconfirm } from 'antd'
import { useTranslation } from 'react-i18next'
import { describeError } from '../api/describeError'

interface ConfirmDeleteProps {
  /** The question, e.g. "Delete project “Vision”?" */
  title: string
  /** What happens, e.g. "Its members lose access. This cannot be undone." */
  description?: string
  /** Button text; defaults to "Delete" (use "Revoke", "Remove"…). */
  actionLabel?: string
  onConfirm: () => Promise<unknown>
  /** Shown after success, e.g. "Project deleted". */
  successMessage?: string
  buttonType?: 'link' | 'default'
}

/** A danger button that asks for confirmation, runs the deletion and reports its outcome. */
export function ConfirmDelete({
  title,
  description,
  actionLabel,
  onConfirm,
  successMessage,
  buttonType = 'link',
}: ConfirmDeleteProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const label = actionLabel ?? t('common.delete')

  const confirm = async () => {
    try {
      await onConfirm()
      if (successMessage) void message.success(successMessage)
    } catch (error) {
      void message.error(describeError(error, t))
    }
  }

  return (
    <Popconfirm
      title={title}
      description={description}
      okText={label}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={confirm}
    >
      <Button type={buttonType} danger icon={<DeleteOutlined />} size={buttonType === 'link' ? 'small' : 'middle'}>
        {label}
      </Button>
    </Popconfirm>
  )
}
