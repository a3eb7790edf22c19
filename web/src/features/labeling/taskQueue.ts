import type { LabelTask } from '../../api/types'

/** The task to show after `currentId`: the next open one in the queue, else the first open one before it. */
export function nextOpenTask(tasks: LabelTask[], currentId: number): LabelTask | undefined {
  const index = tasks.findIndex((task) => task.id === currentId)
  const isNext = (task: LabelTask) => task.status === 'open' && task.id !== currentId
  return tasks.slice(index + 1).find(isNext) ?? tasks.slice(0, Math.max(index, 0)).find(isNext)
}

/** How a task's item is named: "#3" for the fourth row of a table, the file path of an image. */
export function itemName(task: Pick<LabelTask, 'item_ref'>): string {
  return /^\d+$/.test(task.item_ref) ? `#${task.item_ref}` : task.item_ref
}
