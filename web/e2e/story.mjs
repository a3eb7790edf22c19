// What the end-to-end stories share: the server and account they run against, and steps that
// stop the story at its first failure, with a screenshot of it.
// ZT_E2E_BASE_URL, ZT_E2E_EMAIL and ZT_E2E_PASSWORD (a platform operator, e.g. the admin that
// `manage.py bootstrap` creates) are set by infra/scripts/e2e.sh, which also starts the server.
import { it } from 'node:test'
import { fileURLToPath } from 'node:url'

/** @param {string} name */
function required(name) {
  const value = process.env[name]
  if (!value) throw new Error(`Set ${name} (see the top of web/e2e/story.mjs).`)
  return value
}

export const baseUrl = required('ZT_E2E_BASE_URL').replace(/\/$/, '')
export const admin = { email: required('ZT_E2E_EMAIL'), password: required('ZT_E2E_PASSWORD') }
export const screenshotDir = fileURLToPath(new URL('../test-results/screenshots/', import.meta.url))
/** Makes the names a run creates unique, so runs against one server do not collide. */
export const run = Date.now().toString(36)

/**
 * The steps and screenshots of one story told in the page `currentPage` returns.
 * @param {() => import('playwright-core').Page} currentPage
 * @param {string} [prefix] put before every screenshot's file name
 */
export function story(currentPage, prefix = '') {
  let failed = false

  /**
   * Saves a full-page screenshot once nothing is loading; animations are finished and toasts hidden.
   * @param {string} name
   */
  async function screenshot(name) {
    const page = currentPage()
    await page
      .waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton'), null, { timeout: 10_000 })
      .catch(() => undefined)
    // ECharts animates in JavaScript, which `animations: 'disabled'` does not reach.
    if (await page.locator('.zt-chart svg').count()) await page.waitForTimeout(1500)
    await page.screenshot({
      path: `${screenshotDir}${prefix}${name}.png`,
      fullPage: true,
      animations: 'disabled',
      style: '.ant-message { display: none !important; }',
    })
  }

  /**
   * One step of the story; once a step fails the later ones are skipped, not failed again.
   * @param {string} name
   * @param {(t: import('node:test').TestContext) => Promise<void>} body
   */
  function step(name, body) {
    it(name, async (t) => {
      if (failed) return t.skip('an earlier step failed')
      try {
        await body(t)
      } catch (error) {
        failed = true
        await screenshot(`failure-${name.replace(/\W+/g, '-')}`).catch(() => undefined)
        throw error
      }
    })
  }

  return { step, screenshot }
}
