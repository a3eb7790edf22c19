import { Button, Modal, Result } from 'antd'
import { Link } from 'react-router'

interface OutcomeModalProps {
  title: string
  /** What happened, e.g. "Job #12 is queued". */
  outcome: string
  description?: string
  /** Where to see the result, and the button that goes there. */
  link: { to: string; label: string }
  closeLabel: string
  onClose: () => void
}

/** Says that something started or was made, with a button to go and see it. */
export function OutcomeModal({ title, outcome, description, link, closeLabel, onClose }: OutcomeModalProps) {
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          {closeLabel}
        </Button>,
        <Link key="open" to={link.to}>
          <Button type="primary">{link.label}</Button>
        </Link>,
      ]}
    >
      <Result status="success" title={outcome} subTitle={description} />
    </Modal>
  )
}
