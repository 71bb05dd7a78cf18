/**
 * Collects the fault matrix's rows (each fault test adds one as an annotation)
 * and, at the end of a run, prints them as a table. When every scenario ran
 * and passed, the table also goes to docs/RELIABILITY.md.
 */
import { writeFileSync } from 'node:fs';

import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

import { FAULT_ROW, renderReliabilityDoc, renderTable, type FaultRow } from './fault-rows';

export default class FaultReport implements Reporter {
  #rows: FaultRow[] = [];
  #faultTests = 0;
  #faultFailures = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    if (!test.location.file.includes('/faults/')) return;
    this.#faultTests++;
    if (result.status !== 'passed') this.#faultFailures++;

    for (const annotation of result.annotations) {
      if (annotation.type === FAULT_ROW && annotation.description) {
        this.#rows.push(JSON.parse(annotation.description) as FaultRow);
      }
    }
  }

  onEnd(result: FullResult): void {
    if (this.#rows.length === 0) return;

    const rows = [...this.#rows].sort((a, b) =>
      a.scenario.localeCompare(b.scenario, 'en', { numeric: true }),
    );
    console.log(`\nFault matrix\n${renderTable(rows)}\n`);

    const complete = this.#faultFailures === 0 && result.status === 'passed';
    if (complete && process.env.FAULTS_FULL_RUN === '1') {
      writeFileSync('docs/RELIABILITY.md', renderReliabilityDoc(rows));
      console.log('Wrote docs/RELIABILITY.md');
    }
  }
}
