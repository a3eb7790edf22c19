import { cursorOf } from './useCursorList'

describe('cursorOf', () => {
  it('reads the cursor of a next/previous link', () => {
    expect(cursorOf('http://localhost:8000/api/v1/audit-events/?cursor=cD0yMDI2&organization=1')).toBe('cD0yMDI2')
    expect(cursorOf(null)).toBeUndefined()
    expect(cursorOf('http://localhost:8000/api/v1/audit-events/?organization=1')).toBeUndefined()
  })
})
