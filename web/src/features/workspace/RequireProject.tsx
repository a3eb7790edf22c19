import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Empty, Select, Skeleton } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Project } from '../../api/types'
import { PageHeader } from '../../components/PageHeader'
import { NoOrganizationYet } from './NoOrganizationYet'
import { useWorkspace } from './WorkspaceProvider'

interface RequireProjectProps {
  /** The page's title, shown above what is missing. */
  title: string
  /** Why a project is needed, e.g. "Choose a project to see its datasets." */
  message: string
  children: (project: Project) => ReactNode
}

/** A project-scoped page: rendered for the project chosen in the header, or asks for one. */
export function RequireProject({ title, message, children }: RequireProjectProps) {
  const { organization, project, isLoading } = useWorkspace()
  if (isLoading) return <Skeleton active />
  if (!organization) return <NoOrganizationYet title={title} />
  if (!project) return <NoProjectChosen title={title} message={message} />
  return children(project)
}

function NoProjectChosen({ title, message }: { title: string; message: string }) {
  const { t } = useTranslation()
  const { projects, selectProject } = useWorkspace()
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <Empty description={message}>
          {projects.length > 0 ? (
            <Select<number>
              aria-label={t('header.project')}
              placeholder={t('header.project')}
              style={{ minWidth: 240 }}
              onChange={selectProject}
              options={projects.map((project) => ({ value: project.id, label: project.name }))}
              showSearch
              optionFilterProp="label"
            />
          ) : (
            <Link to="/projects">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('projects.new')}
              </Button>
            </Link>
          )}
        </Empty>
      </Card>
    </>
  )
}
