import type { TFunction } from 'i18next'

/**
 * Models whose changes the audit log records, by app, as Django names them (label_lower is
 * `app_label.model`). Each model is named in the locales' audit.objectTypes.
 */
const AUDITED_MODELS = {
  platform_core: ['organization', 'organizationmembership', 'project', 'projectmembership', 'apikey', 'user'],
  data_platform: [
    'datasource',
    'dataset',
    'datasetversion',
    'job',
    'labelingproject',
    'labeltask',
    'annotation',
    'vectorcollection',
  ],
} as const
type KnownModel = (typeof AUDITED_MODELS)[keyof typeof AUDITED_MODELS][number]

export const KNOWN_OBJECT_TYPES = Object.entries(AUDITED_MODELS).flatMap(([app, models]) =>
  models.map((model) => `${app}.${model}`),
)

function isKnownObjectType(objectType: string): boolean {
  return KNOWN_OBJECT_TYPES.includes(objectType)
}

/** "platform_core.apikey" → "API key"; unknown types show their model name. */
export function objectTypeLabel(objectType: string, t: TFunction): string {
  const model = objectType.split('.').at(-1) ?? objectType
  return isKnownObjectType(objectType) ? t(`audit.objectTypes.${model as KnownModel}`) : model
}
