import { Card, Empty, List, Typography } from 'antd'
import type { ReactNode } from 'react'

interface ComingSoonProps {
  icon: ReactNode
  title: string
  description: string
  /** The capabilities this section will offer. */
  planned: string[]
  plannedTitle: string
}

/** The empty state of a section whose pages have not been built yet: says what is coming. */
export function ComingSoon({ icon, title, description, planned, plannedTitle }: ComingSoonProps) {
  return (
    <Card>
      <Empty
        image={<span style={{ fontSize: 56, color: '#1677ff' }}>{icon}</span>}
        styles={{ image: { height: 72 } }}
        description={
          <>
            <Typography.Title level={4}>{title}</Typography.Title>
            <Typography.Paragraph type="secondary">{description}</Typography.Paragraph>
          </>
        }
      >
        <List
          header={<Typography.Text strong>{plannedTitle}</Typography.Text>}
          bordered
          dataSource={planned}
          renderItem={(item) => <List.Item>{item}</List.Item>}
          style={{ maxWidth: 560, margin: '0 auto', textAlign: 'left' }}
        />
      </Empty>
    </Card>
  )
}
