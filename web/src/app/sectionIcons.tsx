import {
  ApiOutlined,
  DatabaseOutlined,
  DeploymentUnitOutlined,
  ExperimentOutlined,
  SettingOutlined,
} from '@ant-design/icons'
import type { ReactNode } from 'react'

/** One icon per 中台 section, shared by the navigation and the sections' pages. */
export const SECTION_ICONS = {
  data: <DatabaseOutlined />,
  algorithms: <ExperimentOutlined />,
  models: <DeploymentUnitOutlined />,
  services: <ApiOutlined />,
  admin: <SettingOutlined />,
} satisfies Record<string, ReactNode>
