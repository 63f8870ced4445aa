/**
 * Loaded into every test process of `npm run fuzz` (node --import): scales fast-check's
 * default of 100 cases for the properties that give no count of their own, counts the cases
 * each property ran, through fast-check's global reporter, and appends the file's total to
 * POLIS_FUZZ_COUNT_FILE when the process ends. A failed property still throws
 * fast-check's own report, so the test fails as it would without the count.
 */
import { appendFileSync } from 'node:fs'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'

const countFile = process.env.POLIS_FUZZ_COUNT_FILE
let properties = 0
let cases = 0

fc.configureGlobal({
  ...fc.readConfigureGlobal(),
  numRuns: fuzzRuns(100),
  reporter(details) {
    properties += 1
    cases += details.numRuns
    if (details.failed) throw new Error(fc.defaultReportMessage(details), { cause: details.errorInstance })
  },
})

process.on('exit', () => {
  if (countFile && properties > 0) {
    const file = process.argv.find((argument) => argument.endsWith('.test.ts')) ?? process.argv[1]
    appendFileSync(countFile, `${JSON.stringify({ file, properties, cases })}\n`)
  }
})
