// Fails when the committed API schema or the TypeScript client generated from it is stale.
//   npm run check:api                  -> src/api/schema.d.ts must match openapi.json
//   npm run check:api -- fresh.json    -> openapi.json must also match a freshly exported schema
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const committedSchema = join(web, 'openapi.json')
const committedClient = join(web, 'src/api/schema.d.ts')
const fix = 'Run `make schema` and commit web/openapi.json and web/src/api/schema.d.ts.'
let stale = false

const freshSchema = process.argv[2]
if (freshSchema) {
  const canonical = (/** @type {string} */ path) => JSON.stringify(JSON.parse(readFileSync(path, 'utf8')))
  if (canonical(resolve(freshSchema)) !== canonical(committedSchema)) {
    console.error(`web/openapi.json differs from the schema the backend exports now (${freshSchema}).`)
    stale = true
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'zt-api-'))
try {
  const regenerated = join(scratch, 'schema.d.ts')
  execFileSync(join(web, 'node_modules/.bin/openapi-typescript'), [committedSchema, '-o', regenerated], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (readFileSync(regenerated, 'utf8') !== readFileSync(committedClient, 'utf8')) {
    console.error('web/src/api/schema.d.ts was not generated from web/openapi.json.')
    stale = true
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

if (stale) {
  console.error(fix)
  process.exit(1)
}
console.log('API schema and client are up to date.')
