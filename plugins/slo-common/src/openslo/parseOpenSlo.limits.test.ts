import { parseOpenSlo } from './parseOpenSlo';
import { OPENSLO_LIMITS } from './limits';
import {
  INDICATOR,
  ROLLING,
  sloWith,
} from './__testUtils__/openSloTestDocuments';

/** A valid SLO document named `name`. */
function validSlo(name: string): string {
  return sloWith(
    `${INDICATOR}${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
    `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ${name}\n`,
  );
}

/** An SLO document named `name` with one problem (a target of 2). */
function badSlo(name: string): string {
  return sloWith(
    `${INDICATOR}${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 2 }]\n`,
    `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ${name}\n`,
  );
}

function failed(yaml: string) {
  const result = parseOpenSlo(yaml, 'slos.yaml');
  if (result.ok) throw new Error('expected issues');
  return result;
}

const ALIAS_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

describe('parseOpenSlo limits', () => {
  it(`reads at most ${OPENSLO_LIMITS.maxDocuments} documents per file and says so`, () => {
    const names = Array.from(
      { length: OPENSLO_LIMITS.maxDocuments + 1 },
      (_, i) => `slo-${i}`,
    );
    const result = failed(names.map(validSlo).join('---\n'));
    expect(result.issues).toEqual([
      {
        file: 'slos.yaml',
        documentIndex: OPENSLO_LIMITS.maxDocuments,
        path: '',
        message: `too many YAML documents: SLO Kit reads at most ${OPENSLO_LIMITS.maxDocuments} per file; split the file`,
      },
    ]);
  });

  it('accepts exactly the document limit', () => {
    const names = Array.from(
      { length: OPENSLO_LIMITS.maxDocuments },
      (_, i) => `slo-${i}`,
    );
    const result = parseOpenSlo(names.map(validSlo).join('---\n'), 'slos.yaml');
    expect(result.ok && result.slos.length).toBe(OPENSLO_LIMITS.maxDocuments);
  });

  it(`returns the first ${OPENSLO_LIMITS.maxIssues} issues and the total count`, () => {
    const yaml = Array.from({ length: 80 }, (_, i) => badSlo(`slo-${i}`)).join(
      '---\n',
    );
    const result = failed(yaml);
    expect(result.issues).toHaveLength(OPENSLO_LIMITS.maxIssues);
    expect(result.issueCount).toBe(80);
    expect(result.issues[0].documentIndex).toBe(0);
    expect(result.issues[49].documentIndex).toBe(49);
  });

  it('counts every issue when there are fewer than the limit', () => {
    const result = failed(badSlo('a'));
    expect(result.issueCount).toBe(1);
    expect(result.issues).toHaveLength(1);
  });

  it('names at most 10 SLIs when an indicatorRef points nowhere', () => {
    const slis = Array.from(
      { length: 30 },
      (_, i) =>
        `apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: sli-${i}\nspec:\n  ratioMetric:\n    good: { metricSource: { type: push } }\n    total: { metricSource: { type: push } }\n`,
    );
    const slo = sloWith(
      `  indicatorRef: nope\n${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
    );
    const [issue] = failed([...slis, slo].join('---\n')).issues;
    expect(issue.message).toBe(
      'no kind: SLI document named "nope" in this file (found: sli-0, sli-1, sli-2, sli-3, sli-4, sli-5, sli-6, sli-7, sli-8, sli-9 and 20 more)',
    );
  });

  it('reports an alias bomb as a located issue instead of throwing', () => {
    const started = Date.now();
    const result = failed(ALIAS_BOMB);
    expect(result.issues).toEqual([
      {
        file: 'slos.yaml',
        documentIndex: 0,
        path: '',
        message: `too many YAML aliases: at most ${OPENSLO_LIMITS.maxAliasCount} per document`,
      },
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it(`reports nesting deeper than ${OPENSLO_LIMITS.maxDepth} levels`, () => {
    const nested = `${'['.repeat(40)}1${']'.repeat(40)}`;
    const yaml = sloWith(
      `${INDICATOR}${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n  description: ${nested}\n`,
    );
    expect(failed(yaml).issues).toEqual([
      {
        file: 'slos.yaml',
        documentIndex: 0,
        path: '',
        message: `too deeply nested: YAML maps and lists may nest at most ${OPENSLO_LIMITS.maxDepth} levels`,
      },
    ]);
  });

  it('reports an alias that refers to a node containing it', () => {
    expect(failed('a: &a [*a, *a]\n').issues).toEqual([
      {
        file: 'slos.yaml',
        documentIndex: 0,
        path: '',
        message: `too deeply nested once aliases are resolved (or an alias refers to a node that contains it): at most ${OPENSLO_LIMITS.maxDepth} levels`,
      },
    ]);
  });

  it('survives 100 000 levels of nesting', () => {
    const yaml = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const result = failed(yaml);
    expect(result.issues[0]).toMatchObject({
      file: 'slos.yaml',
      documentIndex: 0,
      path: '',
    });
  });

  it('shortens long paths, messages and document names in issues', () => {
    const key = 'k'.repeat(900); // YAML keys may be at most 1024 characters
    const name = 'n'.repeat(300);
    const yaml = `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ${name}\n  ${key}: 1\nspec: {}\n`;
    const { issues } = failed(yaml);
    for (const issue of issues) {
      expect(issue.path.length).toBeLessThanOrEqual(
        OPENSLO_LIMITS.maxPathLength,
      );
      expect(issue.message.length).toBeLessThanOrEqual(
        OPENSLO_LIMITS.maxMessageLength,
      );
      expect(issue.documentName?.length).toBeLessThanOrEqual(
        OPENSLO_LIMITS.maxDocumentNameLength,
      );
      expect(issue.documentName?.endsWith('…')).toBe(true);
    }
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: `metadata.${'k'.repeat(OPENSLO_LIMITS.maxPathLength - 10)}…`,
      }),
    );
  });
});
