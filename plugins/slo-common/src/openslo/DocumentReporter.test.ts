import { z } from 'zod';
import { DocumentReporter } from './DocumentReporter';
import type { OpenSloIssue } from './types';

describe('DocumentReporter', () => {
  it('locates each issue by file, document index and name, and field path', () => {
    const issues: OpenSloIssue[] = [];
    const reporter = new DocumentReporter(issues, 'slos.yaml', 2, 'api');
    reporter.report(['spec', 'objectives', 0, 'target'], 'is required');
    reporter.report('metadata.name', 'is taken');
    expect(issues).toEqual([
      {
        file: 'slos.yaml',
        documentIndex: 2,
        documentName: 'api',
        path: 'spec.objectives[0].target',
        message: 'is required',
      },
      {
        file: 'slos.yaml',
        documentIndex: 2,
        documentName: 'api',
        path: 'metadata.name',
        message: 'is taken',
      },
    ]);
  });

  it('leaves out the document name when the document has none', () => {
    const issues: OpenSloIssue[] = [];
    new DocumentReporter(issues, 'slos.yaml', 0, undefined).report('', 'oops');
    expect(issues).toEqual([
      { file: 'slos.yaml', documentIndex: 0, path: '', message: 'oops' },
    ]);
  });

  it('counts the issues of the whole file, across documents', () => {
    const issues: OpenSloIssue[] = [];
    const first = new DocumentReporter(issues, 'slos.yaml', 0, 'a');
    const second = new DocumentReporter(issues, 'slos.yaml', 1, 'b');
    first.report('kind', 'x');
    second.report('kind', 'y');
    expect(first.issueCount).toBe(2);
    expect(second.issueCount).toBe(2);
  });

  it('returns the checked value, or reports every schema issue under the prefix', () => {
    const issues: OpenSloIssue[] = [];
    const reporter = new DocumentReporter(issues, 'slos.yaml', 0, 'api');
    const schema = z.object({ target: z.number() }).strict();
    expect(reporter.check(schema, { target: 0.9 }, ['spec'])).toEqual({
      target: 0.9,
    });
    expect(reporter.check(schema, { targt: 0.9 }, ['spec'])).toBeUndefined();
    expect(issues.map(i => i.path)).toEqual(['spec.target', 'spec.targt']);
    expect(issues[0].message).toBe('is required');
  });

  it('says plainly what is not supported yet', () => {
    const issues: OpenSloIssue[] = [];
    new DocumentReporter(issues, 'slos.yaml', 0, 'api').notSupported(
      ['spec', 'alertPolicies'],
      'alertPolicies',
    );
    expect(issues[0]).toMatchObject({
      path: 'spec.alertPolicies',
      message: 'not supported yet: alertPolicies',
    });
  });
});
