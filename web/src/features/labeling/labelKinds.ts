import type { DatasetFormat, LabelKind } from '../../api/types'

/** What can be labelled in a version of this format (data_platform/services/labeling.py). */
export function labelKindsFor(format: DatasetFormat): LabelKind[] {
  return format === 'image_zip' ? ['classification', 'bounding_boxes'] : ['classification', 'text_spans']
}
