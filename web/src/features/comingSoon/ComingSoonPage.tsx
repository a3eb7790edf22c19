import { useTranslation } from 'react-i18next'
import { ComingSoon } from '../../components/ComingSoon'
import { PageHeader } from '../../components/PageHeader'
import { SECTION_ICONS } from '../../app/sectionIcons'

/** The 中台 sections whose pages later issues add. */
export type UpcomingSection = 'algorithms' | 'models' | 'services'

export function ComingSoonPage({ section }: { section: UpcomingSection }) {
  const { t } = useTranslation()
  return (
    <>
      <PageHeader title={t(`nav.${section}`)} />
      <ComingSoon
        icon={SECTION_ICONS[section]}
        title={t('comingSoon.title')}
        description={t(`comingSoon.${section}.description`)}
        plannedTitle={t('comingSoon.plannedTitle')}
        planned={t(`comingSoon.${section}.planned`, { returnObjects: true })}
      />
    </>
  )
}
