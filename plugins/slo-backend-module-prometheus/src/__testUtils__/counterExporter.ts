import http from 'node:http';
import net from 'node:net';

const MINUTE_MS = 60_000;

/**
 * A tiny exporter Prometheus scrapes live: `live_requests_total{code}`
 * counters that grow only at second 30 of each minute (by `okPerMinute` and
 * `errorsPerMinute`), so whichever second Prometheus scrapes, each whole
 * minute's increase is exactly those counts.
 */
export async function startCounterExporter(options: {
  okPerMinute: number;
  errorsPerMinute: number;
}): Promise<{ target: string; close(): Promise<void> }> {
  const startedAt = Date.now();
  const halfMinutesPassed = () => {
    const firstMid =
      Math.ceil((startedAt - 30_000) / MINUTE_MS) * MINUTE_MS + 30_000;
    const now = Date.now();
    return now < firstMid ? 0 : Math.floor((now - firstMid) / MINUTE_MS) + 1;
  };
  const server = http.createServer((_req, res) => {
    const marks = halfMinutesPassed();
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(
      [
        '# TYPE live_requests_total counter',
        `live_requests_total{code="200"} ${marks * options.okPerMinute}`,
        `live_requests_total{code="500"} ${marks * options.errorsPerMinute}`,
        '',
      ].join('\n'),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
