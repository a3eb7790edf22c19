import { me } from '../../test/fixtures'
import {
  canChangeOrganization,
  canChangeProject,
  canCreateProject,
  canDeleteOrganization,
  canDeleteProject,
  canDeleteProjectResources,
  canReadAuditLog,
  canWriteProjectResources,
} from './permissions'

const operator = { ...me, is_staff: true }

describe('permissions (mirroring platform_core/permissions/roles.py)', () => {
  it('lets only owners delete an organization, owners and admins change it', () => {
    expect(canDeleteOrganization(me, 'owner')).toBe(true)
    expect(canDeleteOrganization(me, 'admin')).toBe(false)
    expect(canChangeOrganization(me, 'admin')).toBe(true)
    expect(canChangeOrganization(me, 'member')).toBe(false)
    expect(canReadAuditLog(me, 'viewer')).toBe(false)
  })

  it('lets organization members create projects, but not viewers', () => {
    expect(canCreateProject(me, 'member')).toBe(true)
    expect(canCreateProject(me, 'viewer')).toBe(false)
  })

  it('combines organization and project roles for projects', () => {
    expect(canChangeProject(me, 'member', 'maintainer')).toBe(true)
    expect(canChangeProject(me, 'member', 'developer')).toBe(false)
    expect(canDeleteProject(me, 'member', 'maintainer')).toBe(false)
    expect(canDeleteProject(me, 'admin', null)).toBe(true)
  })

  it('lets project developers write resources, and only maintainers and up delete them', () => {
    expect(canWriteProjectResources(me, 'member', 'developer')).toBe(true)
    expect(canWriteProjectResources(me, 'member', 'viewer')).toBe(false)
    expect(canWriteProjectResources(me, 'admin', null)).toBe(true)
    expect(canDeleteProjectResources(me, 'member', 'developer')).toBe(false)
    expect(canDeleteProjectResources(me, 'member', 'maintainer')).toBe(true)
  })

  it('lets platform operators do everything', () => {
    expect(canDeleteOrganization(operator, null)).toBe(true)
    expect(canDeleteProject(operator, null, null)).toBe(true)
  })
})
