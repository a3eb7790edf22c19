import { PlusOutlined } from '@ant-design/icons'
import { Button, Input } from 'antd'
import { useTranslation } from 'react-i18next'

interface ListActionsProps {
  onSearch: (text: string) => void
  createLabel: string
  /** Omitted when the user may not create: the button is then not shown. */
  onCreate?: () => void
}

/** The search box and create button in the header of a list page. */
export function ListActions({ onSearch, createLabel, onCreate }: ListActionsProps) {
  const { t } = useTranslation()
  return (
    <>
      <Input.Search allowClear placeholder={t('common.search')} onSearch={onSearch} style={{ width: 220 }} />
      {onCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
          {createLabel}
        </Button>
      )}
    </>
  )
}
