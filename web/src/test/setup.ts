import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import i18n from '../i18n'

// Pages are lazy-loaded; their first import in a test file takes a while.
configure({ asyncUtilTimeout: 5000 })

// jsdom lacks these browser APIs that antd and the chart component use.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
})
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
}
// ECharts measures text on a canvas, which jsdom does not implement.
HTMLCanvasElement.prototype.getContext = function getContext() {
  return { font: '', measureText: (text: string) => ({ width: text.length * 7 }) }
} as unknown as HTMLCanvasElement['getContext']
// jsdom's getComputedStyle does not implement pseudo-elements, which antd asks for.
const computedStyle = window.getComputedStyle.bind(window)
window.getComputedStyle = (element: Element) => computedStyle(element)

beforeEach(async () => {
  localStorage.clear()
  sessionStorage.clear()
  await i18n.changeLanguage('en')
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})
