import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { TABULAR_FORMATS, type DatasetFormat } from '../../api/types'

export function FormatTag({ format }: { format: DatasetFormat }) {
  const { t } = useTranslation()
  return <Tag color="geekblue">{t(`datasets.formats.${format}`)}</Tag>
}

/** Whether processing jobs read and write this format. */
export function isTabular(format: DatasetFormat): boolean {
  return (TABULAR_FORMATS as readonly DatasetFormat[]).includes(format)
}
