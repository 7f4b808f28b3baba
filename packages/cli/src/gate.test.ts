import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import sloPlugin from '@slo-kit/plugin-slo-backend';
import { openSloYaml } from '@slo-kit/plugin-slo-common/testUtils';
import type { AddressInfo } from 'node:net';
import { main } from './main';
import { portalClient } from './commands/portalClient';

jest.setTimeout(60_000);

/** A CI job's access token, as the mock auth service knows it. */
const TOKEN = mockCredentials.service.token();

function component(name: string, annotations: Record<string, string> = {}) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'slo-kit.dev/sre-owner': 'group:default/sre',
        ...annotations,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
    },
  };
}

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'slo-kit', ...args], {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
    readFile: async () => '',
    writeFile: async () => {
      throw new Error('the gate writes no files');
    },
    now: () => Date.now(),
  });
  return { code, stdout, stderr };
}

describe('slo-kit gate and event, against the SLO Kit backend', () => {
  let url: string;

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        sloPlugin,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({
          entities: [
            component('checkout'),
            component('typo', { 'slo-kit.dev/release-policy': 'nonexistent' }),
          ],
        }),
      ],
    });
    url = `http://localhost:${(server.address() as AddressInfo).port}`;
    for (const name of ['checkout', 'typo']) {
      const res = await fetch(`${url}/api/slo/v1/slos`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('plugin:catalog'),
            targetPluginId: 'slo',
          }),
        },
        body: JSON.stringify({
          entityRef: `component:default/${name}`,
          openslo: openSloYaml(['availability']),
        }),
      });
      if (res.status !== 200) {
        throw new Error(`registering ${name} answered ${res.status}`);
      }
    }
  });

  const ask = (...extra: string[]) =>
    run(['gate', '--url', url, '--token', TOKEN, ...extra]);

  it('exits 0 and prints the warning when the gate warns', async () => {
    // Never evaluated: no data, which the default policy warns about.
    const result = await ask(
      '--entity',
      'component:default/checkout',
      '--version',
      '1.4.0',
      '--environment',
      'production',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'WARN: component:default/checkout (policy default, enforce)',
    );
    expect(result.stderr).toContain('warn: ');
    expect(result.stderr).toContain('who decides: group:default/sre');

    // The question is on the record, with who asked and what.
    const recorded = await portalClient(url).listGateEvaluations(
      { entityRef: 'component:default/checkout' },
      { token: TOKEN },
    );
    expect(recorded.items[0]).toMatchObject({
      decision: 'warn',
      version: '1.4.0',
      environment: 'production',
    });
  });

  it('exits 3 on a block, with every reason', async () => {
    const result = await ask('--entity', 'component:default/typo');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('BLOCK: component:default/typo');
    expect(result.stderr).toContain('block: ');
  });

  it('exits 0 for an exempt change type and says which', async () => {
    const result = await ask(
      '--entity',
      'component:default/typo',
      '--change-type',
      'rollback',
      '--json',
    );
    // An unknown policy has no exemptions: still blocked.
    expect(result.code).toBe(3);
    const exempt = await ask(
      '--entity',
      'component:default/checkout',
      '--change-type',
      'rollback',
    );
    expect(exempt.code).toBe(0);
    expect(exempt.stdout).toContain('ALLOW: component:default/checkout');
    expect(exempt.stdout).toContain('exempt change type: rollback');
  });

  it('exits 4 when it cannot ask, and 0 with --fail-open', async () => {
    const unknown = await ask('--entity', 'component:default/nowhere');
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('the portal answered 404');
    const badToken = await run([
      'gate',
      '--url',
      url,
      '--token',
      'not-a-token',
      '--entity',
      'component:default/checkout',
    ]);
    expect(badToken.code).toBe(4);
    expect(badToken.stderr).toContain('the portal answered 401');
    const unreachable = await run([
      'gate',
      '--url',
      'http://127.0.0.1:9',
      '--token',
      TOKEN,
      '--entity',
      'component:default/checkout',
      '--fail-open',
    ]);
    expect(unreachable.code).toBe(0);
    expect(unreachable.stderr).toContain('--fail-open: going on');
  });

  it('records a deploy, shown with the SLO history', async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    const result = await run([
      'event',
      'deploy',
      '--url',
      url,
      '--token',
      TOKEN,
      '--entity',
      'component:default/checkout',
      '--title',
      'Deploy 1.4.0',
      '--version',
      '1.4.0',
      '--at',
      at,
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const history = await portalClient(url).getSloHistory(
      'component:default/checkout#availability',
      {},
      { token: TOKEN },
    );
    expect(history.events).toContainEqual(
      expect.objectContaining({ type: 'deploy', title: 'Deploy 1.4.0' }),
    );

    const wrongType = await run([
      'event',
      'release',
      '--url',
      url,
      '--token',
      TOKEN,
      '--entity',
      'x',
      '--title',
      't',
    ]);
    expect(wrongType.code).toBe(2);
  });
});
