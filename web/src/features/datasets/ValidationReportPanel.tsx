import { Alert, Flex, List, Result, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { readValidationReport, type BadRow } from './validationReport'

/** What validation found: bad rows, files that disagree on the schema, warnings; or the job that wrote the version. */
export function ValidationReportPanel({ report: raw }: { report: unknown }) {
  const { t } = useTranslation()
  const report = readValidationReport(raw)
  const problems = report.badRowCount + report.schemaMismatches.length + report.warnings.length
  return (
    <Flex vertical gap={16}>
      {report.producedByJob !== undefined && (
        <Alert
          type="info"
          showIcon
          message={
            <Link to={`/data/jobs/${report.producedByJob}`}>{t('datasets.writtenByJob', { id: report.producedByJob })}</Link>
          }
          description={report.steps.length > 0 && <List size="small" dataSource={report.steps} renderItem={(step) => <List.Item>{step}</List.Item>} />}
        />
      )}
      {problems === 0 && report.producedByJob === undefined && <Result status="success" title={t('datasets.reportClean')} />}
      {report.badRowCount > 0 && (
        <div>
          <Typography.Title level={5}>{t('datasets.badRows', { count: report.badRowCount })}</Typography.Title>
          <Table<BadRow>
            size="small"
            rowKey={(row) => `${row.file}:${row.line}:${row.message}`}
            pagination={false}
            dataSource={report.badRows}
            columns={[
              { title: t('datasets.file'), dataIndex: 'file' },
              { title: t('datasets.line'), dataIndex: 'line' },
              { title: t('datasets.problem'), dataIndex: 'message' },
              { title: t('datasets.content'), dataIndex: 'text', render: (text: string) => <Typography.Text code>{text}</Typography.Text> },
            ]}
          />
        </div>
      )}
      {report.schemaMismatches.length > 0 && (
        <List
          header={<Typography.Text strong>{t('datasets.schemaMismatches')}</Typography.Text>}
          bordered
          dataSource={report.schemaMismatches}
          renderItem={({ file, message }) => (
            <List.Item>
              <Typography.Text code>{file}</Typography.Text> {message}
            </List.Item>
          )}
        />
      )}
      {report.warnings.length > 0 && (
        <List
          header={<Typography.Text strong>{t('datasets.warnings')}</Typography.Text>}
          bordered
          dataSource={report.warnings}
          renderItem={(warning) => <List.Item>{warning}</List.Item>}
        />
      )}
    </Flex>
  )
}
