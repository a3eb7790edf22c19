import type { FormInstance } from 'antd'
import { ApiError } from '../../api/errors'
import type { SourceKind } from '../../api/types'
import { placeApiErrorOnForm } from '../../hooks/useApiForm'

/** The settings of every kind of source (data_platform/services/ingestion/kinds.py). */
export type SettingName =
  | 'url'
  | 'endpoint'
  | 'bucket'
  | 'prefix'
  | 'region'
  | 'access_key'
  | 'secret_key'
  | 'bootstrap_servers'
  | 'topic'
  | 'security_protocol'
  | 'sasl_mechanism'
  | 'sasl_username'
  | 'sasl_password'

export interface SettingField {
  name: SettingName
  required?: boolean
  /** Write-only: stored encrypted and never shown again. */
  secret?: boolean
  /** A list of strings, typed as tags. */
  list?: boolean
  choices?: readonly string[]
  placeholder?: string
  /** Only asked for with a SASL_* security protocol. */
  saslOnly?: boolean
}

/** Settings as the form holds them, under the `config` field. */
export type SourceSettings = Partial<Record<SettingName, string | string[]>>

export const KAFKA_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const
const KAFKA_SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const
export const DATABASE_KINDS: readonly SourceKind[] = ['postgresql', 'mysql']

export const SOURCE_SETTINGS: Record<SourceKind, SettingField[]> = {
  postgresql: [{ name: 'url', required: true, placeholder: 'postgresql://user:password@host:5432/database' }],
  mysql: [{ name: 'url', required: true, placeholder: 'mysql://user:password@host:3306/database' }],
  s3: [
    { name: 'endpoint', required: true, placeholder: 'https://s3.amazonaws.com' },
    { name: 'bucket', required: true, placeholder: 'my-bucket' },
    { name: 'prefix', placeholder: 'exports/2026/' },
    { name: 'region', placeholder: 'us-east-1' },
    { name: 'access_key' },
    { name: 'secret_key', secret: true },
  ],
  kafka: [
    { name: 'bootstrap_servers', required: true, list: true, placeholder: 'broker-1:9092' },
    { name: 'topic', required: true, placeholder: 'events' },
    { name: 'security_protocol', choices: KAFKA_PROTOCOLS },
    { name: 'sasl_mechanism', choices: KAFKA_SASL_MECHANISMS, saslOnly: true },
    { name: 'sasl_username', required: true, saslOnly: true },
    { name: 'sasl_password', secret: true, saslOnly: true },
  ],
  upload: [],
}

/** The settings a form shows for a kind, given the security protocol chosen so far. */
export function visibleSettings(kind: SourceKind, settings: SourceSettings): SettingField[] {
  const sasl = String(settings.security_protocol ?? '').startsWith('SASL_')
  return SOURCE_SETTINGS[kind].filter((field) => !field.saslOnly || sasl)
}

function isBlank(value: string | string[] | undefined): boolean {
  return value === undefined || value === null || (typeof value === 'string' ? value.trim() === '' : value.length === 0)
}

/**
 * The `config` to send: the visible settings that hold something. A secret left blank is left
 * out, which keeps the stored one; the database URL comes back with its password as ***, which
 * the API also reads as "keep the stored password".
 */
export function toSourceConfig(kind: SourceKind, settings: SourceSettings): Record<string, string | string[]> {
  return Object.fromEntries(
    visibleSettings(kind, settings)
      .map((field) => [field.name, settings[field.name]] as const)
      .filter(([, value]) => !isBlank(value))
      .map(([name, value]) => [name, typeof value === 'string' ? value.trim() : value!]),
  )
}

/** A stored source's settings for its edit form (secrets are never returned). */
export function settingsOf(config: unknown): SourceSettings {
  if (!config || typeof config !== 'object') return {}
  return Object.fromEntries(
    Object.entries(config).filter(([, value]) => typeof value === 'string' || Array.isArray(value)),
  ) as SourceSettings
}

/** Where a source reads from, in one line: its URL, bucket or topic. */
export function sourceLocation(kind: SourceKind, config: unknown): string {
  const settings = settingsOf(config)
  if (DATABASE_KINDS.includes(kind)) return String(settings.url ?? '')
  if (kind === 's3') return `s3://${settings.bucket ?? ''}/${settings.prefix ?? ''} @ ${settings.endpoint ?? ''}`
  if (kind === 'kafka') return `${settings.topic ?? ''} @ ${[settings.bootstrap_servers ?? []].flat().join(', ')}`
  return ''
}

/**
 * Puts a refusal of the source form in place: `details.config.<setting>` under that setting's
 * field, the other field errors under theirs; returns the messages left for above the form.
 */
export function placeSourceError(form: FormInstance, error: ApiError): string[] {
  const { config, ...others } = error.details
  if (!config || typeof config !== 'object' || Array.isArray(config)) return placeApiErrorOnForm(form, error)

  const shown = new Set(Object.keys((form.getFieldsValue() as { config?: object }).config ?? {}))
  const settingErrors = Object.entries(new ApiError(error.status, error.code, error.message, config as Record<string, unknown>).fieldErrors)
  form.setFields(settingErrors.filter(([name]) => shown.has(name)).map(([name, errors]) => ({ name: ['config', name], errors })))
  const unplaced = settingErrors
    .filter(([name]) => !shown.has(name))
    .flatMap(([name, messages]) => messages.map((message) => `${name}: ${message}`))
  const otherErrors =
    Object.keys(others).length > 0 ? placeApiErrorOnForm(form, new ApiError(error.status, error.code, error.message, others)) : []
  return [...otherErrors, ...unplaced]
}
