import { ReloadOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Popconfirm } from 'antd'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/describeError'
import type { VectorCollection } from '../../api/types'
import { COLLECTIONS_KEY, rebuildCollection } from './api'

/** Embeds the collection's version again; not while it is being built. */
export function RebuildButton({ collection, buttonType = 'link' }: { collection: VectorCollection; buttonType?: 'link' | 'default' }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const rebuild = useMutation({
    mutationFn: () => rebuildCollection(collection.id),
    onSuccess: async () => {
      void message.success(t('collections.rebuilding', { name: collection.name }))
      await queryClient.invalidateQueries({ queryKey: COLLECTIONS_KEY })
    },
    onError: (error) => void message.error(describeError(error, t)),
  })
  return (
    <Popconfirm
      title={t('collections.rebuildConfirm', { name: collection.name })}
      description={t('collections.rebuildDescription')}
      okText={t('collections.rebuild')}
      cancelText={t('common.cancel')}
      onConfirm={() => rebuild.mutateAsync().catch(() => undefined)}
    >
      <Button
        type={buttonType}
        size={buttonType === 'link' ? 'small' : 'middle'}
        icon={<ReloadOutlined />}
        loading={rebuild.isPending}
        disabled={collection.status === 'building'}
      >
        {t('collections.rebuild')}
      </Button>
    </Popconfirm>
  )
}
