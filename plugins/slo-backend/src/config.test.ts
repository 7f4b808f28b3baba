import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readSloBackendConfig } from './config';

function read(slo: object) {
  return readSloBackendConfig(new ConfigReader({ slo }));
}

describe('readSloBackendConfig', () => {
  it('defaults the definition and registration limits to 1 MiB and reads no local files', () => {
    const config = readSloBackendConfig(new ConfigReader({}));
    expect(config.registration).toEqual({ maxBodyBytes: 1048576 });
    expect(config.definitions).toEqual({
      maxFileBytes: 1048576,
      localRoots: [],
    });
  });

  it('reads the limits and resolves local roots against the working directory', () => {
    const config = read({
      registration: { maxBodyBytes: 4096 },
      definitions: {
        maxFileBytes: 2048,
        localRoots: ['examples', '/srv/catalog'],
      },
    });
    expect(config.registration.maxBodyBytes).toBe(4096);
    expect(config.definitions).toEqual({
      maxFileBytes: 2048,
      localRoots: [path.resolve('examples'), '/srv/catalog'],
    });
  });

  it.each([
    [
      { registration: { maxBodyBytes: 10 } },
      'Invalid config slo.registration.maxBodyBytes: must be a number of at least 1024, got 10',
    ],
    [
      { definitions: { maxFileBytes: 0 } },
      'Invalid config slo.definitions.maxFileBytes: must be a number of at least 1024, got 0',
    ],
    [
      { definitions: { localRoots: ['examples', ' '] } },
      'Invalid config slo.definitions.localRoots[1]: must be a directory path, got an empty string',
    ],
  ])('refuses %j, naming the key', (slo, message) => {
    expect(() => read(slo)).toThrow(message);
  });

  it('leaves notifications to the installed plugins unless slo.notifications.enabled is set', () => {
    expect(read({}).notifications).toEqual({ enabled: undefined });
    expect(read({ notifications: { enabled: false } }).notifications).toEqual({
      enabled: false,
    });
    expect(read({ notifications: { enabled: true } }).notifications).toEqual({
      enabled: true,
    });
    expect(() => read({ notifications: { enabled: 'sometimes' } })).toThrow(
      /slo\.notifications\.enabled/,
    );
  });

  it('refuses local roots that are not a list of strings, naming the key', () => {
    expect(() => read({ definitions: { localRoots: 'examples' } })).toThrow(
      /slo\.definitions\.localRoots/,
    );
  });
});

describe('readSloBackendConfig release policies', () => {
  it('has the built-in default policy when none is configured', () => {
    const config = read({});
    expect(Object.keys(config.releasePolicies)).toEqual(['default']);
    expect(config.releasePolicies.default.rules).toContainEqual({
      when: 'budgetBelow',
      fraction: 0.25,
      then: 'warn',
    });
  });

  it('reads named policies, durations and exemptions', () => {
    const config = read({
      releasePolicies: {
        'payments-critical': {
          exemptChangeTypes: ['rollback'],
          rules: [
            { when: 'budgetBelow', fraction: 0.5, then: 'block' },
            { when: 'stale', maxAge: { minutes: 5 }, then: 'block' },
            { when: 'noData', then: 'block' },
          ],
        },
        advisory: {
          mode: 'advisory',
          rules: [{ when: 'stale', maxAge: '10m', then: 'warn' }],
        },
      },
    });
    expect(config.releasePolicies['payments-critical']).toEqual({
      name: 'payments-critical',
      mode: 'enforce',
      exemptChangeTypes: ['rollback'],
      rules: [
        { when: 'budgetBelow', fraction: 0.5, then: 'block' },
        { when: 'stale', maxAgeMs: 300_000, then: 'block' },
        { when: 'noData', then: 'block' },
      ],
    });
    expect(config.releasePolicies.advisory).toMatchObject({
      mode: 'advisory',
      exemptChangeTypes: ['rollback', 'security-fix'],
      rules: [{ when: 'stale', maxAgeMs: 600_000, then: 'warn' }],
    });
    expect(config.releasePolicies.default.name).toBe('default');
  });

  it.each([
    [
      { p: { mode: 'loud', rules: [] } },
      'slo.releasePolicies.p.mode: must be enforce or advisory',
    ],
    [{ p: {} }, 'slo.releasePolicies.p.rules: is required'],
    [
      {
        p: {
          rules: [
            { when: 'budgetExhausted', then: 'warn' },
            { when: 'budgetGone', then: 'block' },
          ],
        },
      },
      'slo.releasePolicies.p.rules[1].when: must be one of budgetExhausted',
    ],
    [
      { p: { rules: [{ when: 'noData', then: 'stop' }] } },
      'slo.releasePolicies.p.rules[0].then: must be warn or block',
    ],
    [
      { p: { rules: [{ when: 'budgetBelow', fraction: 25, then: 'warn' }] } },
      'slo.releasePolicies.p.rules[0].fraction: must be a fraction',
    ],
    [
      { p: { rules: [{ when: 'stale', then: 'warn' }] } },
      'slo.releasePolicies.p.rules[0].maxAge: is required',
    ],
    [
      { p: { rules: [{ when: 'stale', maxAge: 'soon', then: 'warn' }] } },
      'slo.releasePolicies.p.rules[0].maxAge: is not a duration',
    ],
  ])('refuses %j, naming the key', (releasePolicies, message) => {
    expect(() => read({ releasePolicies })).toThrow(
      `Invalid config ${message}`,
    );
  });
});

describe("the demo app-config's release policies", () => {
  it('are valid: default, a stricter payments-critical and an advisory one', () => {
    const appConfig = parse(
      fs.readFileSync(
        path.resolve(__dirname, '../../../app-config.yaml'),
        'utf8',
      ),
    );
    const { releasePolicies } = read({
      releasePolicies: appConfig.slo.releasePolicies,
    });
    expect(Object.keys(releasePolicies).sort()).toEqual([
      'advisory',
      'default',
      'payments-critical',
    ]);
    expect(releasePolicies.default).toEqual(
      // The demo spells out the built-in default.
      readSloBackendConfig(new ConfigReader({})).releasePolicies.default,
    );
    expect(releasePolicies.advisory.mode).toBe('advisory');
    expect(releasePolicies['payments-critical'].rules).toContainEqual({
      when: 'noData',
      then: 'block',
    });
  });
});
