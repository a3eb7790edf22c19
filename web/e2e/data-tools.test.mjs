// End-to-end: the data tools (data sources, labeling, vector collections) in headless Chromium
// against a real Zhongtai server with its Celery worker, in the environment story.mjs describes.
// The datasets it labels and searches are uploaded through the API first; screenshots are
// written to web/test-results/screenshots/data-*.png.
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { after, before, describe } from 'node:test'
import { launchChromium } from './browser.mjs'
import { admin, baseUrl, run, screenshotDir, story } from './story.mjs'

const names = {
  organization: `Data Lab ${run}`,
  project: `Reviews ${run}`,
  reviews: `reviews-${run}`,
  photos: `photos-${run}`,
  snapshots: `snapshots-${run}`,
}

/** Product reviews: labelled, marked and searched below. */
const REVIEWS_CSV = [
  'id,review,city,stars',
  '1,"The battery lasts two days, a great phone",Beijing,5',
  '2,"The screen cracked after one week",Shanghai,1',
  '3,"Fast delivery and the camera takes sharp photos",Shenzhen,4',
  '4,"客服态度很好，物流也很快",Hangzhou,5',
].join('\n')
const REVIEW_ROWS = 4

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const { step, screenshot } = story(() => page, 'data-')
/** @type {string} */
let token
/** What the API calls in `before` made: ids of the project, versions and datasets. */
const seeded = { project: 0, organization: 0, reviewsVersion: 0, photosVersion: 0 }
/** How the portal names the admin, e.g. in assignee pickers. */
let adminName = ''

/**
 * A JSON call to the API as the admin.
 * @param {string} method
 * @param {string} path
 * @param {object} [body]
 * @returns {Promise<any>}
 */
async function callApi(method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const answer = response.status === 204 ? null : await response.json()
  assert.ok(response.ok, `${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`)
  return answer
}

/**
 * Asks `read` again every half second until `done` holds for what it returns.
 * @template T
 * @param {() => Promise<T>} read
 * @param {(value: T) => boolean} done
 * @param {string} what
 * @param {number} [timeout]
 * @returns {Promise<T>}
 */
async function waitFor(read, done, what, timeout = 120_000) {
  const deadline = Date.now() + timeout
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/**
 * Creates a dataset in the seeded project and uploads `file` as its first version; resolves once it is ready.
 * @param {string} name
 * @param {'csv' | 'parquet' | 'jsonl' | 'image_zip'} format
 * @param {{ name: string, bytes: Blob | string }} [file]
 * @returns {Promise<number>} the version's id (the dataset's, when no file is given)
 */
async function seedDataset(name, format, file) {
  const dataset = await callApi('POST', '/api/v1/datasets/', { project: seeded.project, name, format })
  if (!file) return dataset.id
  const form = new FormData()
  form.append('file', new Blob([file.bytes]), file.name)
  const response = await fetch(`${baseUrl}/api/v1/datasets/${dataset.id}/versions/`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  })
  const version = await response.json()
  assert.ok(response.ok, `uploading ${file.name} failed: ${JSON.stringify(version)}`)
  const ready = await waitFor(
    () => callApi('GET', `/api/v1/dataset-versions/${version.id}/`),
    (current) => current.status === 'ready' || current.status === 'failed',
    `version ${version.id} to be validated`,
  )
  assert.equal(ready.status, 'ready', `version of ${name} failed: ${ready.failure_reason}`)
  return version.id
}

/**
 * A zip archive holding `files` uncompressed (stored), as the image_zip format takes.
 * @param {{ name: string, bytes: Buffer }[]} files
 */
function storedZip(files) {
  const local = []
  const central = []
  let offset = 0
  for (const { name, bytes } of files) {
    const path = Buffer.from(name)
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt32LE(crc32(bytes), 14)
    header.writeUInt32LE(bytes.length, 18)
    header.writeUInt32LE(bytes.length, 22)
    header.writeUInt16LE(path.length, 26)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    header.copy(entry, 16, 14, 26) // crc and sizes
    entry.writeUInt16LE(path.length, 28)
    entry.writeUInt32LE(offset, 42)
    local.push(header, path, bytes)
    central.push(entry, path)
    offset += header.length + path.length + bytes.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...local, directory, end])
}

/** A PNG picture of a red square and a blue circle on grey, drawn by the browser itself. */
async function drawnPicture() {
  const canvas = await browser.newPage({ viewport: { width: 320, height: 200 } })
  await canvas.setContent(
    '<body style="margin:0;background:#ddd"><div style="position:absolute;left:40px;top:50px;width:90px;height:90px;background:#e33"></div>' +
      '<div style="position:absolute;left:190px;top:40px;width:100px;height:100px;border-radius:50%;background:#36c"></div></body>',
  )
  const png = await canvas.screenshot()
  await canvas.close()
  return png
}

/**
 * The SQLAlchemy URL of the platform's own database, when this machine can tell it: DATABASE_URL,
 * or the embedded server's socket in ZT_DATA_DIR. It gives the data source test a real database.
 */
function platformDatabaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL
  const pidFile = process.env.ZT_DATA_DIR && join(process.env.ZT_DATA_DIR, 'postgres', 'postmaster.pid')
  if (!pidFile || !existsSync(pidFile)) return undefined
  // postmaster.pid: pid, data directory, start time, port, socket directory, …
  const [, , , port, socketDir] = readFileSync(pidFile, 'utf8').split('\n')
  return `postgresql://postgres@/zhongtai?host=${socketDir}&port=${port}`
}

/**
 * Picks options (one, unless the select takes several) of the antd Select whose accessible name
 * holds `selectName`, inside `scope`.
 * @param {import('playwright-core').Locator} scope
 * @param {string | RegExp} selectName
 * @param {string[]} options
 */
async function chooseIn(scope, selectName, ...options) {
  const select = scope.locator('.ant-select', { has: page.getByRole('combobox', { name: selectName }) })
  await select.click()
  // The select's own dropdown: another one may still be fading out.
  const list = await scope.getByRole('combobox', { name: selectName }).getAttribute('aria-controls')
  const dropdown = page.locator(`.ant-select-dropdown:has([id="${list}"])`)
  for (const option of options) {
    await dropdown.getByTitle(option, { exact: true }).click()
    await scope.locator('.ant-select-selection-item', { hasText: option }).first().waitFor()
  }
  // A select of several stays open after a choice; Escape closes it (and not the dialog around it).
  if ((await select.getAttribute('class'))?.includes('ant-select-multiple')) {
    await page.keyboard.press('Escape')
    await dropdown.waitFor({ state: 'hidden' })
  }
}

/** @param {string} label */
async function openFromNav(label) {
  await page.getByRole('navigation').getByText(label, { exact: true }).click()
}

/**
 * Drags the mouse over characters [start, end) of the text shown in `container`, as a person
 * selecting words does.
 * @param {import('playwright-core').Locator} container
 * @param {string} words
 */
async function selectWords(container, words) {
  const box = await container.evaluate((element, target) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(target) ?? -1
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + target.length)
      const rect = range.getBoundingClientRect()
      return { left: rect.left, right: rect.right, y: rect.top + rect.height / 2 }
    }
    throw new Error(`"${target}" is not shown`)
  }, words)
  await page.mouse.move(box.left + 1, box.y)
  await page.mouse.down()
  await page.mouse.move(box.right - 1, box.y, { steps: 5 })
  await page.mouse.up()
}

describe('Zhongtai data tools', () => {
  before(async () => {
    mkdirSync(screenshotDir, { recursive: true })
    for (const file of readdirSync(screenshotDir).filter((name) => name.startsWith('data-'))) rmSync(join(screenshotDir, file))
    const login = await callApi('POST', '/api/v1/auth/token/', admin)
    token = login.access
    const me = await callApi('GET', '/api/v1/me/')
    adminName = me.full_name || me.email
    browser = await launchChromium()

    const organization = await callApi('POST', '/api/v1/organizations/', { name: names.organization, slug: `data-lab-${run}` })
    const project = await callApi('POST', '/api/v1/projects/', { organization: organization.id, name: names.project, slug: `reviews-${run}` })
    Object.assign(seeded, { organization: organization.id, project: project.id })
    seeded.reviewsVersion = await seedDataset(names.reviews, 'csv', { name: 'reviews.csv', bytes: `${REVIEWS_CSV}\n` })
    const picture = await drawnPicture()
    seeded.photosVersion = await seedDataset(names.photos, 'image_zip', {
      name: 'photos.zip',
      bytes: new Blob([storedZip([{ name: 'shapes/one.png', bytes: picture }])]),
    })
    await seedDataset(names.snapshots, 'parquet')

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })
    page = await context.newPage()
    page.setDefaultTimeout(15_000)
  })

  after(async () => {
    await browser?.close()
  })

  step('signs in and works in the seeded project', async () => {
    await page.goto(`${baseUrl}/login`)
    await page.getByLabel('Email').fill(admin.email)
    await page.getByLabel('Password').fill(admin.password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor()

    await page.getByTestId('organization-switcher').click()
    await page.locator('.ant-select-dropdown:visible').getByTitle(names.organization, { exact: true }).click()
    await openFromNav('Data sources')
    await page.getByText('Choose a project to see its data sources.').waitFor()
    await page.getByTestId('project-switcher').click()
    await page.locator('.ant-select-dropdown:visible').getByTitle(names.project, { exact: true }).click()
    await page.getByText('No data sources in this project yet.').waitFor()
  })

  step('creates a database source whose connection test fails with a clear reason', async () => {
    await page.getByRole('button', { name: 'New data source' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill('Unreachable shop DB')
    await dialog.getByLabel('Database URL').fill('postgresql://reader:s3cret-pw@127.0.0.1:1/shop')
    await screenshot('01-source-form')
    await dialog.getByRole('button', { name: 'Create' }).click()

    const row = page.getByRole('row').filter({ hasText: 'Unreachable shop DB' })
    await row.getByText('postgresql+psycopg://reader:***@127.0.0.1:1/shop').waitFor()
    await row.getByText('Set', { exact: true }).waitFor()
    assert.equal(await page.getByText('s3cret-pw').count(), 0, 'the password must never be shown')
    await row.getByRole('button', { name: 'Test connection' }).click()
    await row.getByText('Failed', { exact: true }).waitFor()
    await row.getByText(/^Cannot query the database: .*(refused|127\.0\.0\.1)/).waitFor()
  })

  step('tests an upload source and the platform’s own database, and snapshots a query', async (t) => {
    await page.getByRole('button', { name: 'New data source' }).click()
    let dialog = page.getByRole('dialog')
    await chooseIn(dialog, 'Kind', 'Local upload')
    await dialog.getByLabel('Name').fill('Manual uploads')
    await dialog.getByRole('button', { name: 'Create' }).click()
    const upload = page.getByRole('row').filter({ hasText: 'Manual uploads' })
    await upload.getByRole('button', { name: 'Test connection' }).click()
    await upload.getByText('Connected', { exact: true }).waitFor()
    await upload.getByText('Upload sources have nothing to connect to.').waitFor()

    const databaseUrl = platformDatabaseUrl()
    if (!databaseUrl) {
      await screenshot('02-sources')
      return t.skip('neither DATABASE_URL nor an embedded database in ZT_DATA_DIR to connect to')
    }
    await page.getByRole('button', { name: 'New data source' }).click()
    dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill('Platform database')
    await dialog.getByLabel('Database URL').fill(databaseUrl)
    await dialog.getByRole('button', { name: 'Create' }).click()
    const database = page.getByRole('row').filter({ hasText: 'Platform database' })
    await database.getByRole('button', { name: 'Test connection' }).click()
    await database.getByText('Connected', { exact: true }).waitFor()
    await screenshot('02-sources')

    await database.getByRole('button', { name: 'Snapshot' }).click()
    dialog = page.getByRole('dialog')
    await chooseIn(dialog, 'Into dataset', names.snapshots)
    await dialog.getByLabel('SQL query').fill('SELECT n, n * n AS square FROM generate_series(1, 5) AS n')
    await screenshot('03-snapshot-form')
    await dialog.getByRole('button', { name: 'Start' }).click()
    await page.getByText(/^Job #\d+ is queued$/).waitFor()
    await page.getByRole('link', { name: 'Open the job' }).click()
    await page.waitForURL(/\/data\/jobs\/\d+$/)
    const jobId = Number(new URL(page.url()).pathname.split('/').at(-1))
    const job = await waitFor(
      () => callApi('GET', `/api/v1/jobs/${jobId}/`),
      (current) => ['succeeded', 'failed', 'cancelled'].includes(current.status),
      `snapshot job ${jobId}`,
    )
    assert.equal(job.status, 'succeeded', `the snapshot failed: ${job.error}`)
    const output = await callApi('GET', `/api/v1/dataset-versions/${job.outputs.at(-1)}/`)
    assert.equal(output.row_count, 5)
  })

  step('creates a classification project over the uploaded reviews', async () => {
    await openFromNav('Labeling')
    await page.getByRole('button', { name: 'New labeling project' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill('Review sentiment')
    await chooseIn(dialog, 'Dataset version', `${names.reviews} · v1`)
    await chooseIn(dialog, 'Text column', 'review')
    const labels = dialog.getByLabel('Labels')
    await labels.fill('positive')
    await labels.press('Enter')
    await labels.fill('negative')
    await labels.press('Enter')
    await dialog.getByLabel('Instructions').fill('Is the customer happy?')
    await screenshot('04-labeling-form')
    await dialog.getByRole('button', { name: 'Create' }).click()

    const row = page.getByRole('row').filter({ hasText: 'Review sentiment' })
    await row.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 })
    await row.getByText(`0/${REVIEW_ROWS}`).waitFor()
    await row.getByText('negative').waitFor()
    await screenshot('05-labeling-projects')
  })

  step('assigns a task, annotates it and moves on to the next one', async () => {
    await page.getByRole('link', { name: 'Review sentiment' }).click()
    const task = page.locator('.ant-card').filter({ hasText: 'Task #0' })
    await task.getByText('The battery lasts two days, a great phone').waitFor()
    await chooseIn(task, 'Assignee', adminName)
    await page.locator('.ant-table-row').filter({ hasText: 'battery' }).getByText(adminName).waitFor()

    await task.getByText('positive', { exact: true }).click()
    await screenshot('06-annotate-classification')
    await task.getByRole('button', { name: 'Submit and next' }).click()
    await page.locator('.ant-card').filter({ hasText: 'Task #1' }).getByText('The screen cracked after one week').waitFor()
    await page.getByText(`1/${REVIEW_ROWS}`).waitFor()
  })

  step('exports the labels as a new dataset version', async () => {
    await page.getByRole('button', { name: 'Export labels' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Version message').fill('First pass')
    await dialog.getByRole('button', { name: 'Export labels' }).click()
    await page.getByText(`Exported as version v1 (${REVIEW_ROWS} tasks)`).waitFor()
    await screenshot('07-labels-exported')
    await page.getByRole('link', { name: 'Open the version' }).click()
    await page.waitForURL(/\/data\/versions\/\d+$/)
    await page.getByRole('heading', { name: /Review sentiment labels/ }).waitFor()
  })

  step('marks text spans by selecting words', async () => {
    const spans = await callApi('POST', '/api/v1/labeling-projects/', {
      name: 'Review aspects',
      version: seeded.reviewsVersion,
      kind: 'text_spans',
      text_column: 'review',
      labels: ['PART', 'PRAISE'],
    })
    await waitFor(() => callApi('GET', `/api/v1/labeling-projects/${spans.id}/`), (current) => current.status === 'ready', 'span tasks')
    await page.goto(`${baseUrl}/data/labeling/${spans.id}`)

    const text = page.getByTestId('span-text')
    await text.getByText(/battery/).waitFor()
    await selectWords(text, 'battery')
    await page.locator('.ant-card').filter({ hasText: 'Task #0' }).getByText('PRAISE', { exact: true }).click()
    await selectWords(text, 'a great phone')
    await text.locator('mark[data-label="PART"]', { hasText: 'battery' }).waitFor()
    await text.locator('mark[data-label="PRAISE"]', { hasText: 'a great phone' }).waitFor()
    await screenshot('08-annotate-spans')
    await page.getByRole('button', { name: 'Submit and next' }).click()
    await page.locator('.ant-card').filter({ hasText: 'Task #1' }).waitFor()

    const [done] = (await callApi('GET', `/api/v1/label-tasks/?labeling_project=${spans.id}&status=done`)).results
    assert.deepEqual(done.annotations.at(-1).value, [
      { start: 4, end: 11, label: 'PART', text: 'battery' },
      { start: 28, end: 41, label: 'PRAISE', text: 'a great phone' },
    ])
  })

  step('draws a bounding box on an image', async () => {
    const boxes = await callApi('POST', '/api/v1/labeling-projects/', {
      name: 'Shapes',
      version: seeded.photosVersion,
      kind: 'bounding_boxes',
      labels: ['square', 'circle'],
    })
    await waitFor(() => callApi('GET', `/api/v1/labeling-projects/${boxes.id}/`), (current) => current.status === 'ready', 'image tasks')
    await page.goto(`${baseUrl}/data/labeling/${boxes.id}`)

    const image = page.getByRole('img', { name: 'shapes/one.png' })
    await image.waitFor()
    await image.evaluate((element) => /** @type {HTMLImageElement} */ (element).decode())
    await page.locator('.ant-card').filter({ hasText: 'Task shapes/one.png' }).getByText('circle', { exact: true }).click()
    const bounds = await page.getByTestId('box-surface').boundingBox()
    assert.ok(bounds, 'the image is shown')
    // The circle spans 190–290 × 40–140 of the 320 × 200 picture.
    await page.mouse.move(bounds.x + bounds.width * (190 / 320), bounds.y + bounds.height * (40 / 200))
    await page.mouse.down()
    await page.mouse.move(bounds.x + bounds.width * (290 / 320), bounds.y + bounds.height * (140 / 200), { steps: 8 })
    await page.mouse.up()
    await page.locator('.zt-box').getByText('circle').waitFor()
    await screenshot('09-annotate-boxes')
    await page.getByRole('button', { name: 'Submit and next' }).click()
    await page.getByText('Nothing left to label here').waitFor()

    const [done] = (await callApi('GET', `/api/v1/label-tasks/?labeling_project=${boxes.id}&status=done`)).results
    const [box] = done.annotations.at(-1).value
    assert.equal(box.label, 'circle')
    for (const [actual, expected] of [
      [box.x, 190 / 320],
      [box.y, 40 / 200],
      [box.width, 100 / 320],
      [box.height, 100 / 200],
    ]) {
      assert.ok(Math.abs(actual - expected) < 0.02, `box ${JSON.stringify(box)} should frame the circle`)
    }
  })

  step('creates a vector collection, waits until it is ready and searches it', async () => {
    await openFromNav('Vector collections')
    await page.getByRole('button', { name: 'New collection' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill('Review search')
    await chooseIn(dialog, 'Dataset version', `${names.reviews} · v1`)
    await chooseIn(dialog, 'Text column', 'review (string)')
    await chooseIn(dialog, 'Metadata columns', 'city (string)', 'stars (int64)')
    await screenshot('10-collection-form')
    await dialog.getByRole('button', { name: 'Create' }).click()

    await page.waitForURL(/\/data\/collections\/\d+$/)
    // The worker loads the embedding model on first use.
    await page.getByRole('heading').getByText('Ready', { exact: true }).waitFor({ timeout: 240_000 })
    await page.getByLabel('Query').fill('how long does the battery last')
    await page.getByLabel('Top k').fill('2')
    await page.getByRole('button', { name: 'Search' }).click()
    const results = page.locator('.ant-list-item')
    await page.getByText('Nearest rows (2)').waitFor()
    assert.match((await results.first().textContent()) ?? '', /battery lasts two days/)
    await screenshot('11-collection-search')

    await page.getByRole('button', { name: 'Add a filter' }).click()
    await chooseIn(page.locator('main'), 'Filter column', 'stars')
    await chooseIn(page.locator('main'), 'Filter operator', '≤')
    await page.getByLabel('Filter value').fill('2')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByText('Nearest rows (1)').waitFor()
    await results.first().getByText('The screen cracked after one week').waitFor()
    await results.first().getByText('stars: 1').waitFor()

    await openFromNav('Vector collections')
    await page.getByRole('row').filter({ hasText: 'Review search' }).getByText('Ready').waitFor()
    await screenshot('12-collections')
  })

  step('shows the data tools in Chinese', async () => {
    await page.locator('.ant-select', { has: page.getByRole('combobox', { name: 'Language', exact: true }) }).click()
    await page.locator('.ant-select-dropdown:visible').getByTitle('中文', { exact: true }).click()
    await page.getByRole('navigation').getByText('数据源').click()
    await page.getByRole('button', { name: '测试连接' }).first().waitFor()
    await screenshot('13-sources-zh')
    await page.getByRole('navigation').getByText('数据标注').click()
    await page.getByRole('link', { name: 'Review sentiment' }).click()
    await page.getByRole('button', { name: /提交并下一条/ }).waitFor()
    await screenshot('14-annotate-zh')
  })
})
