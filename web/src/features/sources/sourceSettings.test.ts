import { sourceLocation, toSourceConfig, visibleSettings } from './sourceSettings'

describe('toSourceConfig', () => {
  it('sends the settings that hold something, trimmed', () => {
    expect(
      toSourceConfig('s3', { endpoint: ' http://minio:9000 ', bucket: 'raw', prefix: '', region: undefined, access_key: 'AK', secret_key: 'SK' }),
    ).toEqual({ endpoint: 'http://minio:9000', bucket: 'raw', access_key: 'AK', secret_key: 'SK' })
  })

  it('leaves a blank secret out, so that the stored one is kept', () => {
    expect(toSourceConfig('s3', { endpoint: 'http://minio:9000', bucket: 'raw', access_key: 'AK', secret_key: '' })).toEqual({
      endpoint: 'http://minio:9000',
      bucket: 'raw',
      access_key: 'AK',
    })
  })

  it('sends SASL settings only with a SASL protocol', () => {
    const kafka = { bootstrap_servers: ['a:9092', 'b:9092'], topic: 'clicks', sasl_username: 'left-over', sasl_password: 'pw' }
    expect(toSourceConfig('kafka', kafka)).toEqual({ bootstrap_servers: ['a:9092', 'b:9092'], topic: 'clicks' })
    expect(toSourceConfig('kafka', { ...kafka, security_protocol: 'SASL_SSL' })).toEqual({
      ...kafka,
      security_protocol: 'SASL_SSL',
    })
  })

  it('sends nothing for upload sources', () => {
    expect(toSourceConfig('upload', { url: 'postgresql://x/y' })).toEqual({})
  })
})

describe('visibleSettings', () => {
  it('asks for the SASL user and password only with a SASL protocol', () => {
    const names = (protocol?: string) => visibleSettings('kafka', { security_protocol: protocol }).map((field) => field.name)
    expect(names()).toEqual(['bootstrap_servers', 'topic', 'security_protocol'])
    expect(names('SASL_PLAINTEXT')).toContain('sasl_password')
  })
})

describe('sourceLocation', () => {
  it.each([
    ['postgresql', { url: 'postgresql+psycopg://u:***@db/shop' }, 'postgresql+psycopg://u:***@db/shop'],
    ['s3', { endpoint: 'http://minio:9000', bucket: 'raw', prefix: 'in/' }, 's3://raw/in/ @ http://minio:9000'],
    ['kafka', { topic: 'clicks', bootstrap_servers: ['a:9092', 'b:9092'] }, 'clicks @ a:9092, b:9092'],
    ['upload', {}, ''],
  ] as const)('%s', (kind, config, location) => {
    expect(sourceLocation(kind, config)).toBe(location)
  })
})
