import {
  equalityMatcher,
  readCounterQuery,
  readSelector,
} from './counterSelector';

describe('readCounterQuery', () => {
  it.each([
    [
      'sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))',
      'http_requests_total{job="checkout",code=~"5.."}',
    ],
    [
      'sum(increase(payments_total{outcome="error"}[{{.window}}]))',
      'payments_total{outcome="error"}',
    ],
    [
      'sum by (code, route) (rate(http_requests_total{job="a"}[{{.window}}]))',
      'http_requests_total{job="a"}',
    ],
    [
      'sum(rate(http_requests_total{job="a"}[{{.window}}])) by (code)',
      'http_requests_total{job="a"}',
    ],
    [
      'sum without (instance) (rate(http_requests_total[{{.window}}]))',
      'http_requests_total',
    ],
    ['rate(errors_total[5m])', 'errors_total'],
    [
      '(\n  sum(rate(x_total{ a = "1" , b!~\'2|3\' }[{{.window}}]))\n)\n',
      'x_total{a="1",b!~\'2|3\'}',
    ],
    [
      'sum(rate({__name__="x_total",job="a"}[{{.window}}]))',
      '{__name__="x_total",job="a"}',
    ],
    [
      'SUM(RATE(job:requests:total{path="/a}b"}[{{.window}}]))',
      'job:requests:total{path="/a}b"}',
    ],
  ])('reads the counter of %s', (query, selector) => {
    const read = readCounterQuery(query);
    expect(read).toMatchObject({
      ok: true,
      value: { kind: 'counter', selector: { text: selector } },
    });
  });

  it('reads a difference of two counts, and compares selectors regardless of matcher order', () => {
    const read = readCounterQuery(`(
      sum(rate(d_count{verb!="WATCH",job="api"}[{{.window}}]))
      -
      sum(rate(d_bucket{le="0.4",verb!="WATCH"}[{{.window}}]))
    )`);
    expect(read.ok).toBe(true);
    if (!read.ok || read.value.kind !== 'difference') {
      throw new Error('expected a difference');
    }
    expect(read.value.minuend.text).toBe('d_count{verb!="WATCH",job="api"}');
    expect(read.value.subtrahend.text).toBe('d_bucket{le="0.4",verb!="WATCH"}');
    const total = readCounterQuery(
      'sum(rate(d_count{job="api", verb!="WATCH"}[{{.window}}]))',
    );
    expect(
      total.ok && total.value.kind === 'counter' && total.value.selector.key,
    ).toBe(read.value.minuend.key);
  });

  it.each([
    [
      'sum(rate(a_total[{{.window}}])) / 2',
      '"/" at character 33: only one count minus another',
    ],
    [
      'sum(rate(a_total[{{.window}}])) + sum(rate(b_total[{{.window}}]))',
      '"+" at character 33',
    ],
    [
      'avg(rate(a_total[{{.window}}]))',
      'avg(...) at character 1 is not a count of events',
    ],
    [
      'histogram_quantile(0.99, sum by (le) (rate(a_bucket[5m])))',
      'histogram_quantile(...) at character 1 is not a count of events',
    ],
    ['sum(a_total)', 'the selector a_total at character 5 is not inside rate'],
    [
      'sum(rate(a_total))',
      'expected a range such as [{{.window}}] after the selector',
    ],
    ['sum(rate(a_total[5m] offset 1h))', 'expected ")", found "offset"'],
    [
      'sum(rate(a_total{job="x}[5m]))',
      'unterminated string starting at character 22',
    ],
    [
      '',
      'expected sum(...), rate(...) or increase(...), found the end of the query',
    ],
    [
      '(sum(rate(a[1m])) - sum(rate(b[1m]))) - sum(rate(c[1m]))',
      'only one count minus another',
    ],
  ])('explains why %s is not a counter', (query, reason) => {
    const read = readCounterQuery(query);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toContain(reason);
  });
});

describe('readSelector', () => {
  it('reads a plain selector and its matchers', () => {
    const read = readSelector(
      'http_request_duration_seconds_bucket{job="checkout", le="0.5"}',
    );
    expect(read.ok).toBe(true);
    if (!read.ok) throw new Error(read.reason);
    expect(read.value.text).toBe(
      'http_request_duration_seconds_bucket{job="checkout",le="0.5"}',
    );
    expect(equalityMatcher(read.value, 'le')).toBe('0.5');
    expect(equalityMatcher(read.value, 'code')).toBeUndefined();
  });

  it('refuses anything but a selector', () => {
    expect(readSelector('rate(a_total[5m])')).toEqual({
      ok: false,
      reason: 'expected a metric selector at character 1, found rate(...)',
    });
    expect(readSelector('a_total{job="x"} > 0')).toEqual({
      ok: false,
      reason: 'unexpected ">" at character 18',
    });
  });
});
