import { Alert, Form, Input, Select } from 'antd'
import type { ParseKeys, TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { SourceKind } from '../../api/types'
import { TagsInput } from '../../components/TagsInput'
import { visibleSettings, type SettingField, type SettingName } from './sourceSettings'

const HELP: Partial<Record<SettingName, ParseKeys>> = {
  url: 'sources.help.url',
  prefix: 'sources.help.prefix',
  access_key: 'sources.help.accessKey',
  bootstrap_servers: 'sources.help.bootstrapServers',
  security_protocol: 'sources.help.securityProtocol',
}

interface SourceSettingsFieldsProps {
  kind: SourceKind
  /** Editing a source that has secrets stored: blank secret fields keep them. */
  hasStoredSecrets: boolean
}

/** The `config` fields of one kind of source, inside a source form. */
export function SourceSettingsFields({ kind, hasStoredSecrets }: SourceSettingsFieldsProps) {
  const { t } = useTranslation()
  const protocol = Form.useWatch<string | undefined>(['config', 'security_protocol'])
  const fields = visibleSettings(kind, { security_protocol: protocol })
  if (fields.length === 0) return <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('sources.uploadNote')} />
  return fields.map((field) => (
    <Form.Item
      key={field.name}
      name={['config', field.name]}
      label={t(`sources.settings.${field.name}`)}
      extra={settingHelp(field, hasStoredSecrets, t)}
      rules={field.required ? [{ required: true, message: t('validation.required') }] : []}
    >
      {settingControl(field, hasStoredSecrets ? t('sources.secretKeep') : undefined)}
    </Form.Item>
  ))
}

function settingHelp(field: SettingField, hasStoredSecrets: boolean, t: TFunction): string | undefined {
  if (field.secret) return t(hasStoredSecrets ? 'sources.secretStored' : 'sources.secretWriteOnly')
  const help = HELP[field.name]
  return help && t(help)
}

/** The input of one setting; Form.Item gives it its value, onChange and id. */
function settingControl(field: SettingField, keptSecretPlaceholder: string | undefined) {
  if (field.secret) return <Input.Password autoComplete="new-password" placeholder={keptSecretPlaceholder} />
  if (field.list) {
    return <TagsInput tokenSeparators={[',', '，', ' ']} placeholder={field.placeholder} />
  }
  if (field.choices) {
    return <Select allowClear placeholder={field.choices[0]} options={field.choices.map((value) => ({ value, label: value }))} />
  }
  return <Input placeholder={field.placeholder} />
}
