import { me } from '../../test/fixtures'
import {
  canChangeOrganization,
  canChangeProject,
  canCreateProject,
  canDeleteOrganization,
  canDeleteProject,
  canReadAuditLog,
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

  it('lets platform operators do everything', () => {
    expect(canDeleteOrganization(operator, null)).toBe(true)
    expect(canDeleteProject(operator, null, null)).toBe(true)
  })
})
