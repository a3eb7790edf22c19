import { LeftOutlined, RightOutlined, VerticalRightOutlined } from '@ant-design/icons'
import { Button, Flex } from 'antd'
import { useTranslation } from 'react-i18next'
import type { useCursorList } from '../hooks/useCursorList'

type CursorList = Pick<
  ReturnType<typeof useCursorList>,
  'isFirstPage' | 'hasNewer' | 'hasOlder' | 'showNewest' | 'showNewer' | 'showOlder'
>

/** Newest / newer / older buttons under a cursor paginated (newest first) table. */
export function CursorNav({ list }: { list: CursorList }) {
  const { t } = useTranslation()
  return (
    <Flex justify="end" gap={8} style={{ marginTop: 16 }}>
      <Button icon={<VerticalRightOutlined />} disabled={list.isFirstPage} onClick={list.showNewest}>
        {t('table.newest')}
      </Button>
      <Button icon={<LeftOutlined />} disabled={!list.hasNewer} onClick={list.showNewer}>
        {t('table.newer')}
      </Button>
      <Button disabled={!list.hasOlder} onClick={list.showOlder}>
        {t('table.older')} <RightOutlined />
      </Button>
    </Flex>
  )
}
