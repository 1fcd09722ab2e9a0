// Golden files, as Observable Plot's snapshot tests do it: each result is compared with a JSON
// file committed under tests/golden/profile/. A missing golden is written on the first run; a
// mismatch writes `<name>-changed.json` beside it and fails, so the diff can be reviewed and
// the changed file renamed over the golden when the change is intended.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessQuality, batchFromRecords, profileBatch, suggestRoles } from '../../../src/lib/profile';
import type { CellValue } from '../../../src/lib/store';

const goldenDir = new URL('../../golden/profile/', import.meta.url);

function expectGolden(name: string, value: unknown): void {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const golden = new URL(`${name}.json`, goldenDir);
  const changed = new URL(`${name}-changed.json`, goldenDir);
  if (!existsSync(golden)) {
    writeFileSync(golden, text);
    return;
  }
  if (readFileSync(golden, 'utf8') === text) {
    if (existsSync(changed)) rmSync(changed);
    return;
  }
  writeFileSync(changed, text);
  expect.fail(`${name}.json differs from the golden file; see ${name}-changed.json`);
}

/** 40 rows of a small shop export with the usual mess, fixed forever. */
function mixedRows(): Record<string, CellValue>[] {
  const first = ['Anna', 'Ben', 'Chiara', 'Daan', 'Emma', 'Felix', 'Greta', 'Hugo'];
  const last = ['Müller', 'Rossi', 'de Vries', 'Smith', 'Dubois', 'García', 'Novak', 'Berg'];
  const countries = ['Germany', 'Italy', 'Netherlands', 'United Kingdom', 'France', 'Spain'];
  const dates = (i: number): string => {
    const day = String(1 + ((i * 7) % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    return [`2024-${month}-${day}`, `${month}/${day}/2024`, `${Number(day)} Mar 2024`, `2024-${month}-${day} 10:${day}`][i % 4]!;
  };
  return Array.from({ length: 40 }, (_, i) => ({
    customer_id: `C-${String(i + 1).padStart(5, '0')}`,
    zip: String(1067 + i * 997).padStart(5, '0'),
    name: i === 7 ? '  Hugo Berg ' : `${first[i % 8]} ${last[(i * 3 + Math.floor(i / 8)) % 8]}`,
    email: i === 11 ? 'broken@' : i % 9 === 4 ? null : `${first[i % 8]!.toLowerCase()}${i}@example.com`,
    country: i === 5 ? 'germany' : i === 13 ? 'ITALY' : countries[i % 6]!,
    signup: dates(i),
    total: [`€${(12.5 + i * 3.1).toFixed(2)}`, `${(8 + i).toFixed(2).replace('.', ',')} €`, `$${(20 + i * 2).toFixed(2)}`][i % 3]!,
    quantity: i === 17 ? 'n/a' : String(1 + (i % 4)),
    stars: 1 + ((i * 3) % 5),
    opt_in: ['yes', 'no', 'Y', 'N', 'true'][i % 5]!,
    review: i % 6 === 0 ? null : `The ${['coffee', 'tea', 'mug'][i % 3]} was ${['great', 'fine', 'stale', 'lovely'][i % 4]} and arrived ${['early', 'late', 'on time'][i % 3]}.`,
    photo: `images/p-${String(i % 12).padStart(4, '0')}.${['jpg', 'png', 'webp'][i % 3]}`,
    note: i === 21 ? 'CafÃ© latte' : i % 4 === 0 ? 'gift' : null,
  }));
}

describe('golden profiles', () => {
  const batch = batchFromRecords(mixedRows());
  const profile = profileBatch(batch);

  it('profile of the mixed dataset', () => {
    expectGolden('mixed-profile', profile);
  });

  it('roles and quality issues of the mixed dataset', () => {
    const roles = Object.fromEntries(profile.columns.map((c) => [c.name, { type: c.inference.type, roles: suggestRoles(c).slice(0, 3) }]));
    const issues = assessQuality(batch, profile, { now: Date.UTC(2025, 0, 1) });
    expectGolden('mixed-roles-quality', { roles, issues });
  });
});
