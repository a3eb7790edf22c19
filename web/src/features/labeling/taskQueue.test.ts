import { doneLabelTask, labelTask } from '../../test/dataToolFixtures'
import { itemName, nextOpenTask } from './taskQueue'

const open = (id: number) => ({ ...labelTask, id })
const done = (id: number) => ({ ...doneLabelTask, id })

describe('nextOpenTask', () => {
  it('is the next open task after the current one', () => {
    expect(nextOpenTask([open(1), done(2), open(3), open(4)], 1)?.id).toBe(3)
  })

  it('wraps round to open tasks before the current one', () => {
    expect(nextOpenTask([open(1), done(2), open(3)], 3)?.id).toBe(1)
  })

  it('is nothing when no other task is open', () => {
    expect(nextOpenTask([open(1), done(2)], 1)).toBeUndefined()
  })

  it('starts from the top when the current task is not in the queue', () => {
    expect(nextOpenTask([done(2), open(5)], 9)?.id).toBe(5)
  })
})

describe('itemName', () => {
  it('numbers rows and names images by their path', () => {
    expect(itemName({ item_ref: '12' })).toBe('#12')
    expect(itemName({ item_ref: 'cats/1.png' })).toBe('cats/1.png')
  })
})
