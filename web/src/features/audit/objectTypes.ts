import type { TFunction } from 'i18next'

/**
 * Models whose changes the audit log records, as `app_label.model` (Django's label_lower).
 * Pages added later list their models here and name them in the locales' audit.objectTypes.
 */
const KNOWN_MODELS = ['organization', 'organizationmembership', 'project', 'projectmembership', 'apikey', 'user'] as const
type KnownModel = (typeof KNOWN_MODELS)[number]

export const KNOWN_OBJECT_TYPES = KNOWN_MODELS.map((model) => `platform_core.${model}`)

function isKnownModel(model: string): model is KnownModel {
  return (KNOWN_MODELS as readonly string[]).includes(model)
}

/** "platform_core.apikey" → "API key"; unknown types show their model name. */
export function objectTypeLabel(objectType: string, t: TFunction): string {
  const model = objectType.split('.').at(-1) ?? objectType
  return isKnownModel(model) ? t(`audit.objectTypes.${model}`) : model
}
