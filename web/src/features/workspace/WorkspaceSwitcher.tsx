import { ApartmentOutlined, ProjectOutlined } from '@ant-design/icons'
import { Select, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useWorkspace } from './WorkspaceProvider'

/** The header's organization and project pickers. */
export function WorkspaceSwitcher() {
  const { t } = useTranslation()
  const { organizations, organization, selectOrganization, projects, project, selectProject, isLoading } = useWorkspace()
  return (
    <Space size="small">
      <Select<number>
        aria-label={t('header.organization')}
        data-testid="organization-switcher"
        style={{ minWidth: 180 }}
        loading={isLoading}
        placeholder={t('header.noOrganization')}
        value={organization?.id}
        onChange={selectOrganization}
        options={organizations.map((o) => ({ value: o.id, label: o.name }))}
        suffixIcon={<ApartmentOutlined />}
        showSearch
        optionFilterProp="label"
        popupMatchSelectWidth={false}
      />
      <Select<number>
        aria-label={t('header.project')}
        data-testid="project-switcher"
        style={{ minWidth: 180 }}
        disabled={!organization}
        placeholder={t('header.allProjects')}
        value={project?.id}
        onChange={selectProject}
        allowClear
        options={projects.map((p) => ({ value: p.id, label: p.name }))}
        suffixIcon={<ProjectOutlined />}
        showSearch
        optionFilterProp="label"
        popupMatchSelectWidth={false}
      />
    </Space>
  )
}
