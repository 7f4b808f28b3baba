#!/usr/bin/env node
// Demo SLI feeder for the SLO Kit demo portal.
//
// Backfills 35 days of minute data for every demo SLO through the ingestion API
// (POST /api/slo/v1/sli, with the demo's external-access token), then sends the
// newest minute for each SLO once a minute until stopped. Every value is a pure
// function of (SLO, minute), so re-running it rewrites identical points: ingestion
// sets buckets, it never adds, so a restart changes nothing already stored.
//
// Scenarios: daily traffic cycles and a weekend dip everywhere; a few past
// incidents; checkout-api availability has spent its budget; payments-service
// and storefront-web availability are burning right now (a page alert fires);
// product-catalog has a two-day data gap; session-service is low on latency
// budget. With the release policies of app-config.yaml, the release gate
// blocks checkout-api (budget exhausted) and payments-service (page alert,
// payments-critical), warns for session-service (low budget, no SRE owner),
// would block storefront-web under its advisory policy, and allows the rest.
//
// It also records each service's past deploys and its first incident as
// release-gate events (POST /api/slo/v1/events), once: events already there
// (same type and title) are not sent again.
//
//   node scripts/demo-data.mjs [--wait-for-backend] [--once] [--days 35]

import { pathToFileURL } from 'node:url';

const backendUrl = process.env.SLO_KIT_BACKEND_URL ?? 'http://localhost:7007';
const token = process.env.SLO_KIT_DEMO_TOKEN ?? 'slo-kit-demo-token-change-me';
const args = process.argv.slice(2);
const waitForBackend = args.includes('--wait-for-backend');
const once = args.includes('--once');
const days = Number(args[args.indexOf('--days') + 1]) || 35;
const BATCH_SIZE = 10_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// The demo starts "now"; incidents are placed relative to the hour the feeder
// started so that the burn in progress is always in progress.
const startedAt = Math.floor(Date.now() / HOUR) * HOUR;

/** Deterministic noise in [0, 1) from a string and a number (FNV-1a + xorshift). */
function noise(key, n) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= n | 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

const ago = d => startedAt - d;
/** Error or slowness incidents: [from, to) in epoch ms and the bad fraction during them. */
const incident = (from, to, badFraction) => ({ from, to, badFraction });

const services = [
  {
    name: 'checkout-api',
    peakPerMinute: 1200,
    availability: {
      baseBad: 0.0004,
      incidents: [incident(ago(5 * DAY), ago(5 * DAY - 9 * HOUR), 0.12)],
    },
    latency: {
      baseSlow: 0.006,
      incidents: [incident(ago(2 * DAY), ago(2 * DAY - 2 * HOUR), 0.2)],
    },
  },
  {
    name: 'payments-service',
    peakPerMinute: 800,
    availability: {
      baseBad: 0.0001,
      // Began 90 minutes before the feeder started and has not stopped.
      incidents: [incident(ago(90 * MINUTE), Infinity, 0.012)],
    },
    latency: { baseSlow: 0.008, incidents: [] },
  },
  {
    name: 'storefront-web',
    peakPerMinute: 2400,
    availability: {
      baseBad: 0.0008,
      incidents: [
        incident(ago(12 * DAY), ago(12 * DAY - 40 * MINUTE), 0.05),
        // Burning now: a page alert fires, but its policy is advisory.
        incident(ago(90 * MINUTE), Infinity, 0.1),
      ],
    },
    latency: {
      baseSlow: 0.008,
      incidents: [incident(ago(8 * DAY), ago(8 * DAY - 3 * HOUR), 0.15)],
    },
  },
  {
    name: 'product-catalog',
    peakPerMinute: 1600,
    gap: { from: ago(10 * DAY), to: ago(8 * DAY) },
    availability: { baseBad: 0.0002, incidents: [] },
    latency: {
      baseSlow: 0.005,
      incidents: [incident(ago(3 * DAY), ago(3 * DAY - HOUR), 0.3)],
    },
  },
  {
    name: 'identity-api',
    peakPerMinute: 900,
    availability: {
      baseBad: 0.0001,
      incidents: [incident(ago(20 * DAY), ago(20 * DAY - 30 * MINUTE), 0.2)],
    },
    latency: { baseSlow: 0.004, incidents: [] },
  },
  {
    name: 'session-service',
    peakPerMinute: 1400,
    availability: {
      baseBad: 0.0003,
      incidents: [incident(ago(4 * DAY), ago(4 * DAY - 2 * HOUR), 0.03)],
    },
    // Three hours of slow minutes spend about 90 % of the latency budget
    // (fast minutes, 99.5 % over 28 days).
    latency: {
      baseSlow: 0.001,
      incidents: [incident(ago(6 * DAY), ago(6 * DAY - 3 * HOUR), 0.4)],
    },
  },
];

/** Requests in one minute: a daily cycle peaking mid-afternoon UTC, quieter weekends. */
function trafficAt(service, minuteStart) {
  const hourOfDay = (minuteStart % DAY) / HOUR;
  const daily = 0.65 + 0.35 * Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI);
  const weekday = new Date(minuteStart).getUTCDay();
  const weekly = weekday === 0 || weekday === 6 ? 0.6 : 1;
  const jitter = 0.9 + 0.2 * noise(service.name, minuteStart / MINUTE);
  return Math.max(
    1,
    Math.round(service.peakPerMinute * daily * weekly * jitter),
  );
}

function badFractionAt(profile, key, minuteStart, base) {
  const during = profile.incidents.find(
    i => minuteStart >= i.from && minuteStart < i.to,
  );
  const fraction = during ? during.badFraction : base;
  // Spread around the mean so minutes differ, but stay within [0, 1].
  return Math.min(1, fraction * (0.5 + noise(key, minuteStart / MINUTE)));
}

/** Rounds up with probability equal to the fraction, so small rates survive low traffic. */
function roundStochastic(x, key, minuteStart) {
  const whole = Math.floor(x);
  return (
    whole + (noise(`${key}/round`, minuteStart / MINUTE) < x - whole ? 1 : 0)
  );
}

function pointsFor(minuteStart) {
  const points = [];
  for (const service of services) {
    if (
      service.gap &&
      minuteStart >= service.gap.from &&
      minuteStart < service.gap.to
    )
      continue;
    const total = trafficAt(service, minuteStart);
    const timestamp = new Date(minuteStart).toISOString();
    const ref = `component:default/${service.name}`;
    const bad = roundStochastic(
      total *
        badFractionAt(
          service.availability,
          `${ref}#a`,
          minuteStart,
          service.availability.baseBad,
        ),
      `${ref}#a`,
      minuteStart,
    );
    points.push({
      slo: `${ref}#availability`,
      timestamp,
      good: total - bad,
      total,
    });
    const slow = roundStochastic(
      total *
        badFractionAt(
          service.latency,
          `${ref}#l`,
          minuteStart,
          service.latency.baseSlow,
        ),
      `${ref}#l`,
      minuteStart,
    );
    points.push({
      slo: `${ref}#latency`,
      timestamp,
      good: total - slow,
      total,
    });
  }
  return points;
}

/** Past deploys and the first incident of a service, at fixed offsets from the start hour. */
function eventsFor(service) {
  const entityRef = `component:default/${service.name}`;
  const deploys = [9 * DAY + 2 * HOUR, 4 * DAY + 5 * HOUR, DAY + 3 * HOUR].map(
    (before, i) => ({
      entityRef,
      type: 'deploy',
      at: new Date(ago(before)).toISOString(),
      title: `Deploy ${service.name} 1.${i + 4}.0`,
      version: `1.${i + 4}.0`,
    }),
  );
  const [first] = [
    ...service.availability.incidents.map(i => ({ ...i, what: 'errors' })),
    ...service.latency.incidents.map(i => ({ ...i, what: 'slow requests' })),
  ].sort((a, b) => a.from - b.from);
  const incidents = first
    ? [
        {
          entityRef,
          type: 'incident',
          at: new Date(first.from).toISOString(),
          title: `Incident: ${Math.round(first.badFraction * 100)} % ${
            first.what
          }`,
        },
      ]
    : [];
  return [...deploys, ...incidents];
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function call(method, path, body) {
  const response = await fetch(`${backendUrl}/api/slo${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const error = new Error(
      `${method} /api/slo${path} answered ${response.status}: ${(
        await response.text()
      ).slice(0, 500)}`,
    );
    error.status = response.status;
    throw error;
  }
  return response.json();
}

const post = points => call('POST', '/v1/sli', { points });

/** Records the demo's events that the backend does not have yet. */
async function recordEvents(from) {
  let recorded = 0;
  for (const service of services) {
    const slo = `component:default/${service.name}#availability`;
    const history = await call(
      'GET',
      `/v1/slos/${encodeURIComponent(slo)}/history?from=${new Date(
        from,
      ).toISOString()}`,
    );
    // Events are placed relative to the hour the feeder started; one with
    // the same type and title is the same event from an earlier start.
    const known = new Set(history.events.map(e => `${e.type}|${e.title}`));
    for (const event of eventsFor(service)) {
      if (known.has(`${event.type}|${event.title}`)) {
        continue;
      }
      await call('POST', '/v1/events', event);
      recorded++;
    }
  }
  console.log(`recorded ${recorded} deploy and incident events`);
}

/** Posts a batch, retrying while the backend starts or the catalog sync has not registered the SLOs yet. */
async function postWithRetry(points, deadline) {
  for (;;) {
    try {
      await post(points);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      console.log(
        `waiting for the backend: ${error.message
          .replace(/\s+/g, ' ')
          .slice(0, 300)}`,
      );
      await sleep(5000);
    }
  }
}

async function backfill() {
  const end = Math.floor(Date.now() / MINUTE) * MINUTE;
  const start = end - days * DAY;
  const deadline = Date.now() + (waitForBackend ? 15 * MINUTE : 0);
  let batch = [];
  let sent = 0;
  const began = Date.now();
  for (let minute = start; minute < end; minute += MINUTE) {
    batch.push(...pointsFor(minute));
    if (batch.length >= BATCH_SIZE - 2 * services.length) {
      await postWithRetry(batch, deadline);
      sent += batch.length;
      batch = [];
    }
  }
  if (batch.length) {
    await postWithRetry(batch, deadline);
    sent += batch.length;
  }
  console.log(
    `backfilled ${sent} points over ${days} days in ${(
      (Date.now() - began) /
      1000
    ).toFixed(1)} s`,
  );
  return end;
}

async function main() {
  let next = await backfill();
  await recordEvents(next - days * DAY);
  if (once) return;
  for (;;) {
    const now = Date.now();
    // Send each minute once it is complete.
    while (next + MINUTE <= now) {
      try {
        await post(pointsFor(next));
      } catch (error) {
        console.error(
          `live point for ${new Date(next).toISOString()} failed: ${
            error.message
          }`,
        );
      }
      next += MINUTE;
    }
    await sleep(next + MINUTE - now + 1000);
  }
}

export { eventsFor, pointsFor, startedAt };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
