import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseOpenSlo } from './parseOpenSlo';
import { OPENSLO_LIMITS } from './limits';
import type { OpenSloParseResult } from './types';

/** Every result is ok with SLOs, or a non-empty list of located issues. */
function expectWellFormed(result: OpenSloParseResult) {
  if (result.ok) {
    expect(result.slos.length).toBeGreaterThan(0);
    return;
  }
  expect(result.issues.length).toBeGreaterThan(0);
  expect(result.issues.length).toBeLessThanOrEqual(OPENSLO_LIMITS.maxIssues);
  expect(result.issueCount).toBeGreaterThanOrEqual(result.issues.length);
  for (const issue of result.issues) {
    expect(issue.file).toBe('slos.yaml');
    expect(Number.isInteger(issue.documentIndex)).toBe(true);
    expect(issue.documentIndex).toBeGreaterThanOrEqual(0);
    expect(typeof issue.path).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

/** Fragments that YAML gives meaning to, so random text often parses. */
const yamlFragment = fc.oneof(
  fc.constantFrom(
    '---\n',
    '...\n',
    '\n',
    '  ',
    '- ',
    ': ',
    '&a ',
    '*a',
    '&b [*a, *a]',
    '<<: *a\n',
    '[',
    ']',
    '{',
    '}',
    '!!binary ',
    '!!str ',
    '? ',
    '|\n',
    '>-\n',
    '"',
    "'",
    '#',
    '%YAML 1.2\n',
    'apiVersion: openslo/v1\n',
    'kind: SLO\n',
    'kind: SLI\n',
    'metadata:\n  name: a\n',
    'spec:\n',
    '  timeWindow: { duration: 1000000000d }\n',
    '  budgetingMethod: Occurrences\n',
    '  objectives: [{ target: 0.9 }]\n',
    '  indicatorRef: a\n',
  ),
  fc.string({ maxLength: 8 }),
);

/** An OpenSLO-shaped document with random values in random places. */
const openSloLike = fc.record(
  {
    apiVersion: fc.oneof(fc.constant('openslo/v1'), fc.anything()),
    kind: fc.oneof(fc.constantFrom('SLO', 'SLI', 'DataSource'), fc.anything()),
    metadata: fc.oneof(
      fc.record({ name: fc.oneof(fc.constant('a'), fc.string()) }),
      fc.anything(),
    ),
    spec: fc.oneof(
      fc.record(
        {
          indicatorRef: fc.oneof(fc.constant('a'), fc.anything()),
          timeWindow: fc.anything(),
          budgetingMethod: fc.oneof(
            fc.constantFrom('Occurrences', 'Timeslices', 'RatioTimeslices'),
            fc.anything(),
          ),
          objectives: fc.anything(),
          ratioMetric: fc.anything(),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);

describe('parseOpenSlo never throws', () => {
  it('on arbitrary strings', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), text => {
          expectWellFormed(parseOpenSlo(text, 'slos.yaml'));
        }),
        { numRuns: 300 },
      ),
    ).not.toThrow();
  });

  it('on YAML-ish text built from YAML syntax', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.array(yamlFragment, { maxLength: 60 }), parts => {
          expectWellFormed(parseOpenSlo(parts.join(''), 'slos.yaml'));
        }),
        { numRuns: 500 },
      ),
    ).not.toThrow();
  });

  it('on OpenSLO-shaped documents with arbitrary values', () => {
    expect(() =>
      fc.assert(
        fc.property(
          fc.array(openSloLike, { minLength: 1, maxLength: 4 }),
          docs => {
            const text = docs.map(d => stringify(d)).join('---\n');
            expectWellFormed(parseOpenSlo(text, 'slos.yaml'));
          },
        ),
        { numRuns: 300 },
      ),
    ).not.toThrow();
  });
});
