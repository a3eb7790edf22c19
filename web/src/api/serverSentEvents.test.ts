import { eventStreamParser, type ServerSentEvent } from './serverSentEvents'

describe('eventStreamParser', () => {
  it('emits each complete event, however the text is cut into chunks', () => {
    const events: ServerSentEvent[] = []
    const feed = eventStreamParser((event) => events.push(event))

    feed('id: 1\nevent: log\nda')
    expect(events).toEqual([])
    feed('ta: {"id": 1}\n\n: keep-alive\n\nevent: end\r\ndata: {"status": "succeeded"}\r\n')
    feed('\r\n')

    expect(events).toEqual([
      { event: 'log', data: '{"id": 1}', id: '1' },
      { event: 'end', data: '{"status": "succeeded"}', id: undefined },
    ])
  })

  it('joins multi-line data and defaults the event name to "message"', () => {
    const events: ServerSentEvent[] = []
    eventStreamParser((event) => events.push(event))('data: first\ndata:second\n\n')

    expect(events).toEqual([{ event: 'message', data: 'first\nsecond', id: undefined }])
  })
})
