import { loginPathFor, safeNextPath } from './redirects'

describe('safeNextPath', () => {
  it.each([
    ['/projects/3?tab=members', '/projects/3?tab=members'],
    [null, '/'],
    ['https://evil.example.com', '/'],
    ['//evil.example.com', '/'],
    ['/\\evil.example.com', '/'],
  ])('%s → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected)
  })
})

describe('loginPathFor', () => {
  it('remembers where the user was going', () => {
    expect(loginPathFor({ pathname: '/audit', search: '?x=1' })).toBe('/login?next=%2Faudit%3Fx%3D1')
    expect(loginPathFor({ pathname: '/', search: '' })).toBe('/login')
  })
})
