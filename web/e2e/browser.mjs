// Headless Chromium for the end-to-end tests: Debian's build (apt-get install chromium), driven
// by playwright-core, because Playwright's own browser downloads are not available everywhere.
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
]

export function launchChromium() {
  const executablePath = process.env.ZT_E2E_CHROMIUM ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: run \`apt-get install -y chromium\` or set ZT_E2E_CHROMIUM.`)
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS })
}
