// End-to-end: the built portal in headless Chromium against a real Zhongtai server, in the
// environment story.mjs describes.
// Screenshots of every page land in web/test-results/screenshots/.
import assert from 'node:assert/strict'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe } from 'node:test'
import { launchChromium } from './browser.mjs'
import { admin, baseUrl, run, screenshotDir, story } from './story.mjs'

const names = {
  organization: `E2E Lab ${run}`,
  organizationSlug: `e2e-lab-${run}`,
  project: `Vision ${run}`,
  projectSlug: `vision-${run}`,
  apiKey: `ci-${run}`,
  dataset: `people-${run}`,
  member: { email: `member-${run}@example.com`, password: `pw-${run}-Zt!2026`, full_name: 'Grace Member' },
}

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const { step, screenshot } = story(() => page)

/**
 * @param {string} method
 * @param {string} path
 * @param {{ token?: string, body?: object }} [options]
 * @returns {Promise<{ status: number, body: any }>}
 */
async function callApi(method, path, { token, body } = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: response.status, body: response.status === 204 ? null : await response.json() }
}

/** @param {string} label */
async function openFromNav(label) {
  await page.getByRole('navigation').getByText(label, { exact: true }).click()
}

/**
 * Picks an option of the antd Select with this accessible name.
 * @param {string} selectName
 * @param {string} option
 */
async function choose(selectName, option) {
  await page.locator('.ant-select', { has: page.getByRole('combobox', { name: selectName, exact: true }) }).click()
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click()
}

/**
 * Picks an option of the antd Select whose accessible name holds `selectName`, inside `scope`.
 * @param {import('playwright-core').Locator} scope
 * @param {string} selectName
 * @param {string} option
 */
async function chooseIn(scope, selectName, option) {
  // Not exact: the name of a required field's select starts with antd's "*" mark.
  await scope.locator('.ant-select', { has: page.getByRole('combobox', { name: selectName }) }).click()
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click()
}

/** People of several ages: the processing job keeps those aged 30 or more. */
const PEOPLE_CSV = [
  'id,name,age,city',
  '1,Alice,34,Beijing',
  '2,Bob,25,Shanghai',
  '3,Carol,41,Shenzhen',
  '4,Dan,19,Beijing',
  '5,Eve,30,Hangzhou',
  '6,Frank,52,Chengdu',
  '7,Grace,28,Beijing',
  '8,Heidi,47,Wuhan',
].join('\n')
const PEOPLE_ROWS = 8
const PEOPLE_AGED_30_OR_MORE = 5

/** Rows of the data table currently shown (preview tables have no pagination). */
function tableRows() {
  return page.locator('.ant-tabs-tabpane-active .ant-table-tbody tr.ant-table-row')
}

describe('Zhongtai portal', () => {
  before(async () => {
    rmSync(screenshotDir, { recursive: true, force: true })
    mkdirSync(screenshotDir, { recursive: true })
    const login = await callApi('POST', '/api/v1/auth/token/', { body: admin })
    assert.equal(login.status, 200, `the e2e account cannot sign in: ${JSON.stringify(login.body)}`)
    // Someone to add as a member: only existing users can be added.
    const created = await callApi('POST', '/api/v1/users/', { token: login.body.access, body: names.member })
    assert.equal(created.status, 201, `creating the member user failed: ${JSON.stringify(created.body)}`)

    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })
    page = await context.newPage()
    page.setDefaultTimeout(15_000)
  })

  after(async () => {
    await browser?.close()
  })

  step('signs in with a password', async () => {
    await page.goto(`${baseUrl}/`)
    await page.waitForURL('**/login')
    await page.getByLabel('Email').waitFor()
    await screenshot('01-login')

    await page.getByLabel('Email').fill(admin.email)
    await page.getByLabel('Password').fill(admin.password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()

    await page.getByRole('heading', { name: /^Welcome/ }).waitFor()
    assert.equal(new URL(page.url()).pathname, '/')
    await screenshot('02-dashboard')
  })

  step('creates an organization and switches to it', async () => {
    await openFromNav('Organizations')
    await page.getByRole('button', { name: 'New organization' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill(names.organization)
    await dialog.getByLabel('Slug').fill(names.organizationSlug)
    await screenshot('03-organization-form')
    await dialog.getByRole('button', { name: 'Create' }).click()

    await page.getByRole('link', { name: names.organization }).waitFor()
    await page.getByTestId('organization-switcher').getByText(names.organization).waitFor()
    await screenshot('04-organizations')
  })

  step('adds a member to the organization', async () => {
    await page.getByRole('link', { name: names.organization }).click()
    await page.getByRole('heading', { name: names.organization }).waitFor()
    await page.getByLabel('Email').fill(names.member.email)
    await choose('Role', 'Member')
    await page.getByRole('button', { name: 'Add member' }).click()

    await page.getByRole('combobox', { name: `Role of ${names.member.email}` }).waitFor()
    await screenshot('05-organization-members')
  })

  step('creates a project and adds the member to it', async () => {
    await openFromNav('Projects')
    await page.getByRole('button', { name: 'New project' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill(names.project)
    await dialog.getByLabel('Slug').fill(names.projectSlug)
    await dialog.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('link', { name: names.project }).waitFor()
    await screenshot('06-projects')

    await page.getByRole('link', { name: names.project }).click()
    await page.getByRole('heading', { name: names.project }).waitFor()
    await page.getByLabel('Email').fill(names.member.email)
    await choose('Role', 'Developer')
    await page.getByRole('button', { name: 'Add member' }).click()
    await page.getByRole('combobox', { name: `Role of ${names.member.email}` }).waitFor()
    await screenshot('07-project-members')
  })

  step('creates an API key, shows its secret once, and revokes it', async () => {
    await openFromNav('API keys')
    await page.getByRole('button', { name: 'New API key' }).click()
    const form = page.getByRole('dialog')
    await form.getByLabel('Name').fill(names.apiKey)
    await form.getByLabel('Write').check()
    await form.getByRole('button', { name: 'Create' }).click()

    const secret = (await page.getByTestId('secret-value').textContent())?.trim() ?? ''
    assert.match(secret, /^zt_/)
    await screenshot('08-api-key-secret')
    assert.equal((await callApi('GET', '/api/v1/me/', { token: secret })).status, 200, 'the new key should work')
    await page.getByRole('button', { name: 'I have copied the key' }).click()

    const row = page.getByRole('row', { name: new RegExp(names.apiKey) })
    await row.getByText('Active').waitFor()
    await row.getByRole('button', { name: 'Revoke' }).click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Revoke' }).click()
    await row.getByText('Revoked').waitFor()
    assert.equal((await callApi('GET', '/api/v1/me/', { token: secret })).status, 401, 'a revoked key must not work')
    await screenshot('09-api-keys')
  })

  step('shows the changes in the audit log with their details', async () => {
    await openFromNav('Audit log')
    const projectEvent = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Project', exact: true }) })
      .filter({ hasText: `${names.organizationSlug}/${names.projectSlug}` })
    await projectEvent.waitFor()
    await page.getByRole('row', { name: new RegExp(names.member.email) }).first().waitFor()
    await screenshot('10-audit-log')

    await projectEvent.click()
    const drawer = page.locator('.ant-drawer-content')
    await drawer.getByText('Changed fields').waitFor()
    const nameChange = drawer.locator('.ant-table').getByRole('row').filter({ hasText: /^name/ })
    await nameChange.getByRole('cell', { name: names.project, exact: true }).waitFor()
    await screenshot('11-audit-event')
    await page.keyboard.press('Escape')

    // API keys belong to people, not organizations: operators find them platform-wide.
    await page.getByText('Whole platform').click()
    const keyEvents = page.getByRole('row').filter({ hasText: names.apiKey })
    await keyEvents.filter({ hasText: 'Revoke' }).waitFor()
    await keyEvents.filter({ hasText: 'Create' }).waitFor()
    await screenshot('12-audit-log-platform')
    await page.getByText('This organization').click()
  })

  step('shows the organization on the dashboard', async () => {
    await openFromNav('Dashboard')
    await page.getByRole('link', { name: /^Projects.*1$/ }).waitFor()
    await page.getByRole('link', { name: /^Members.*2$/ }).waitFor()
    await screenshot('13-dashboard-organization')
  })

  step('creates a dataset and uploads a CSV file as its first version', async () => {
    await openFromNav('Datasets')
    await page.getByText('Choose a project to see its datasets.', { exact: false }).waitFor()
    await page.getByTestId('project-switcher').click()
    await page.locator('.ant-select-dropdown:visible').getByTitle(names.project, { exact: true }).click()
    await page.getByRole('button', { name: 'New dataset' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill(names.dataset)
    await dialog.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('heading', { name: names.dataset }).waitFor()

    const csv = join(tmpdir(), `${names.dataset}.csv`)
    writeFileSync(csv, `${PEOPLE_CSV}\n`)
    await page.locator('input[type=file]').setInputFiles(csv)
    await page.getByRole('button', { name: 'Upload as new version' }).click()
    // Validation runs in the Celery worker; the versions table polls until it is done.
    const firstVersion = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'v1', exact: true }) })
    await firstVersion.getByText('Ready').waitFor({ timeout: 60_000 })
    rmSync(csv) // only now: Chromium reads a chosen file from disk when it sends it
    await firstVersion.getByRole('cell', { name: String(PEOPLE_ROWS), exact: true }).waitFor()
    await screenshot('15-dataset-detail')

    await openFromNav('Datasets')
    await page.getByRole('link', { name: names.dataset }).waitFor()
    await screenshot('14-datasets')
  })

  step('previews and profiles the version', async () => {
    await page.getByRole('link', { name: names.dataset }).click()
    await page.getByRole('link', { name: 'v1', exact: true }).click()
    await page.getByRole('cell', { name: 'Alice', exact: true }).waitFor()
    assert.equal(await tableRows().count(), PEOPLE_ROWS)
    await screenshot('16-version-preview')

    await page.getByRole('tab', { name: 'Profile' }).click()
    await page.getByRole('img', { name: 'Histogram of age' }).locator('svg').waitFor()
    await page.getByRole('img', { name: 'Most frequent values of city' }).locator('svg').waitFor()
    await screenshot('17-version-profile')
  })

  step('builds a processing job with a filter step and follows it to success', async () => {
    await page.getByRole('button', { name: 'Process this version' }).click()
    const builder = page.locator('.ant-drawer-content')
    await builder.getByText(`${names.dataset} · v1`).waitFor()
    await chooseIn(builder, 'Target dataset', names.dataset)
    await builder.getByRole('button', { name: 'Add a step' }).click()
    await page.getByRole('menuitem', { name: 'Filter rows' }).click()
    const filter = builder.getByRole('group', { name: '1. Filter rows' })
    await chooseIn(filter, 'Column', 'age')
    await chooseIn(filter, 'Operator', '≥')
    await filter.getByLabel('Value').fill('30')
    await screenshot('18-job-builder')
    await builder.getByRole('button', { name: 'Run job' }).click()

    await page.waitForURL(/\/data\/jobs\/\d+$/)
    await page.getByRole('heading').getByText('Succeeded').waitFor({ timeout: 90_000 })
    await page.getByRole('log').getByText(`ready with ${PEOPLE_AGED_30_OR_MORE} rows`).waitFor()
    await screenshot('19-job-detail')
  })

  step('opens the version the job wrote, with only the filtered rows', async () => {
    await page.getByRole('button', { name: 'Open the new version' }).click()
    await page.getByRole('heading', { name: new RegExp(`${names.dataset} · v2`) }).waitFor()
    const rowCount = page.locator('.ant-descriptions-item').filter({ hasText: 'Rows' }).locator('.ant-descriptions-item-content')
    assert.equal((await rowCount.textContent())?.trim(), String(PEOPLE_AGED_30_OR_MORE))
    await page.getByRole('cell', { name: 'Alice', exact: true }).waitFor()
    assert.equal(await tableRows().count(), PEOPLE_AGED_30_OR_MORE)
    assert.equal(await page.getByRole('cell', { name: 'Bob', exact: true }).count(), 0, 'Bob is 25 and filtered out')
    await screenshot('20-job-output-version')

    await page.getByRole('tab', { name: 'Lineage' }).click()
    await page.getByRole('link', { name: `Processing into ${names.dataset}` }).waitFor()
    await page.getByRole('link', { name: `${names.dataset} · v1` }).waitFor()
    await screenshot('21-version-lineage')

    await openFromNav('Processing jobs')
    await page.getByRole('row', { name: new RegExp(`Processing into ${names.dataset}`) }).getByText('Succeeded').waitFor()
    await screenshot('22-jobs')
  })

  step('says what is coming in the sections still to be built', async () => {
    for (const [index, section] of ['Algorithms', 'Models', 'Services'].entries()) {
      await openFromNav(section)
      await page.getByText('Coming soon').waitFor()
      await screenshot(`${23 + index}-${section.toLowerCase()}`)
    }
  })

  step('refreshes an expired access token without bothering the user', async () => {
    await page.evaluate(() => {
      const tokens = JSON.parse(localStorage.getItem('zt.tokens') ?? '{}')
      localStorage.setItem('zt.tokens', JSON.stringify({ ...tokens, access: 'expired-or-forged' }))
    })
    await page.goto(`${baseUrl}/projects`)
    await page.getByRole('link', { name: names.project }).waitFor()
    const access = await page.evaluate(() => JSON.parse(localStorage.getItem('zt.tokens') ?? '{}').access)
    assert.notEqual(access, 'expired-or-forged')
  })

  step('sends the user to sign in again when the session cannot be refreshed', async () => {
    await page.evaluate(() => localStorage.setItem('zt.tokens', JSON.stringify({ access: 'bad', refresh: 'bad' })))
    await page.goto(`${baseUrl}/audit`)
    await page.getByText('Your session has expired. Please sign in again.').waitFor()
    assert.equal(new URL(page.url()).searchParams.get('next'), '/audit')
    await screenshot('26-session-expired')

    await page.getByLabel('Email').fill(admin.email)
    await page.getByLabel('Password').fill(admin.password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForURL('**/audit')
  })

  step('switches the language to Chinese and remembers it', async () => {
    await choose('Language', '中文')
    await page.getByRole('navigation').getByText('数据中台').waitFor()
    await page.reload()
    await page.getByRole('navigation').getByText('审计日志').waitFor()
    await screenshot('27-audit-log-zh')
    await openFromNav('概览')
    await page.getByRole('heading', { name: /^欢迎/ }).waitFor()
    await page.getByRole('link', { name: /^项目.*1$/ }).waitFor()
    await screenshot('28-dashboard-zh')
    await openFromNav('数据集')
    await page.getByRole('link', { name: names.dataset }).click()
    await page.getByRole('heading', { name: names.dataset }).waitFor()
    await page.getByText('上传新版本').waitFor()
    await screenshot('29-dataset-detail-zh')
  })

  step('signs out', async () => {
    await page.getByTestId('user-menu').click()
    await page.getByText('退出登录').click()
    await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).waitFor()
    assert.equal(new URL(page.url()).pathname, '/login')
    assert.equal(await page.evaluate(() => localStorage.getItem('zt.tokens')), null)
    await screenshot('30-login-zh')
  })
})
