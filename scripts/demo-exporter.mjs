#!/usr/bin/env node
// Demo metrics exporter for the optional Prometheus mode of the demo portal
// (`make start-prometheus`, see docs/prometheus.md).
//
// Serves `http_requests_total{service="search-api",code}` counters in the
// Prometheus text format on http://127.0.0.1:${PORT:-9464}/metrics. Every
// counter is a pure function of time: requests arrive at the start of each
// second, with a daily traffic cycle and a few error bursts, so history for
// any past instant can be written too:
//
//   node scripts/demo-exporter.mjs                 serve live counters
//   node scripts/demo-exporter.mjs --history 7     print 7 days of history as
//                                                  OpenMetrics (every 15 s), for
//                                                  `promtool tsdb create-blocks-from openmetrics`

import http from 'node:http';

const SERVICE = 'search-api';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Requests in minute `m` (minutes since the epoch): a daily cycle, 60–180 a minute. */
function requestsIn(m) {
  const phase = ((m % 1440) / 1440) * 2 * Math.PI;
  return Math.round(120 + 60 * Math.sin(phase));
}

/** Server errors in minute `m`: 0.1%, and 8% during a 20-minute burst every 31 hours. */
function errorsIn(m) {
  const burst = m % (31 * 60) < 20;
  return Math.round(requestsIn(m) * (burst ? 0.08 : 0.001));
}

// Both patterns repeat every 31 days (44,640 minutes: 31 daily cycles, 24
// burst periods), so counts before any minute come from prefix sums over one
// such period.
const PERIOD = 31 * 1440;
const requestSums = [0];
const errorSums = [0];
for (let m = 0; m < PERIOD; m++) {
  requestSums.push(requestSums[m] + requestsIn(m));
  errorSums.push(errorSums[m] + errorsIn(m));
}
const requestsBefore = m =>
  Math.floor(m / PERIOD) * requestSums[PERIOD] + requestSums[m % PERIOD];
const errorsBefore = m =>
  Math.floor(m / PERIOD) * errorSums[PERIOD] + errorSums[m % PERIOD];

/** The counters at `ms`: each minute's requests arrive evenly over its seconds. */
function countersAt(ms) {
  const m = Math.floor(ms / MINUTE);
  const seconds = Math.floor((ms % MINUTE) / 1000);
  const requests =
    requestsBefore(m) + Math.floor((requestsIn(m) * seconds) / 60);
  const errors = errorsBefore(m) + Math.floor((errorsIn(m) * seconds) / 60);
  return { ok: requests - errors, errors };
}

const series = code =>
  `http_requests_total{service="${SERVICE}",code="${code}"}`;

const args = process.argv.slice(2);
const historyAt = args.indexOf('--history');
if (historyAt >= 0) {
  const days = Number(args[historyAt + 1]) || 7;
  const end = Math.floor(Date.now() / MINUTE) * MINUTE;
  const lines = ['# TYPE http_requests counter'];
  const ok = [];
  const errors = [];
  for (let t = end - days * DAY; t < end; t += 15_000) {
    const c = countersAt(t);
    ok.push(`${series('200')} ${c.ok} ${t / 1000}`);
    errors.push(`${series('500')} ${c.errors} ${t / 1000}`);
  }
  process.stdout.write([...lines, ...ok, ...errors, '# EOF', ''].join('\n'));
} else {
  const port = Number(process.env.PORT ?? 9464);
  http
    .createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.statusCode = 404;
        res.end('try /metrics\n');
        return;
      }
      const c = countersAt(Date.now());
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      res.end(
        [
          '# TYPE http_requests_total counter',
          `${series('200')} ${c.ok}`,
          `${series('500')} ${c.errors}`,
          '',
        ].join('\n'),
      );
    })
    .listen(port, '127.0.0.1', () =>
      console.log(`demo exporter: http://127.0.0.1:${port}/metrics`),
    );
}
