import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  canonicalEntityRef,
  canonicalSloId,
  sloIdOf,
  type RegisterSlosRequest,
  type RegisterSlosResponse,
} from '@slo-kit/plugin-slo-common';
import { openSloDocument } from '@slo-kit/plugin-slo-common/testUtils';
import type {
  SloService,
  SloServiceRequestOptions,
} from '@slo-kit/plugin-slo-node';
import { createRegisterSlosAction } from './registerSlos';

const validOpenSlo = openSloDocument({
  name: 'payments-availability',
  displayName: null,
  objectiveDisplayName: null,
  service: 'payments',
  indicatorName: 'payments-good-requests',
});

/** An in-memory SLO backend: records registrations, answers like the real one. */
class RecordingSloService implements SloService {
  readonly calls: Array<{
    request: RegisterSlosRequest;
    options: SloServiceRequestOptions;
  }> = [];
  failWith?: Error;

  async registerSlos(
    request: RegisterSlosRequest,
    options: SloServiceRequestOptions,
  ): Promise<RegisterSlosResponse> {
    this.calls.push({ request, options });
    if (this.failWith) {
      throw this.failWith;
    }
    const names = [...request.openslo.matchAll(/^ {2}name: (\S+)$/gm)].map(
      m => m[1],
    );
    // The backend stores the canonical ref and builds ids from it.
    const entityRef = canonicalEntityRef(request.entityRef);
    return {
      entityRef,
      slos: names
        .filter(n => !n.endsWith('-good-requests'))
        .map(name => ({ id: sloIdOf(entityRef, name), name })),
      ingestionEndpoint: 'https://backstage.example.com/api/slo/v1/sli',
    };
  }
}

describe('slo:register', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');
  let slo: RecordingSloService;

  beforeEach(() => {
    mockDir.clear();
    slo = new RecordingSloService();
  });

  function createAction() {
    return createRegisterSlosAction({
      slo,
      discovery: mockServices.discovery(),
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'payments-service', namespace: 'default' },
            spec: { type: 'service', owner: 'group:default/payments' },
          },
        ],
      }),
    });
  }

  it('fails before registering when the entity is in the catalog already', async () => {
    mockDir.setContent({ 'workspace/slos.yaml': validOpenSlo });
    for (const isDryRun of [false, true]) {
      const ctx = {
        ...createMockActionContext({
          workspacePath,
          input: { entityRef: 'component:default/payments-service' },
        }),
        isDryRun,
      };
      await expect(createAction().handler(ctx)).rejects.toThrow(
        'component:default/payments-service is in the catalog already: choose another name',
      );
    }
    expect(slo.calls).toEqual([]);
  });

  it('replaces the SLOs of a service in the catalog when asked to update it', async () => {
    mockDir.setContent({ 'workspace/slos.yaml': validOpenSlo });
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        entityRef: 'component:default/payments-service',
        updateExisting: true,
      },
    });
    await createAction().handler(ctx);
    expect(slo.calls.map(c => c.request.entityRef)).toEqual([
      'component:default/payments-service',
    ]);
  });

  it('registers the workspace file on behalf of the user running the template', async () => {
    mockDir.setContent({ 'workspace/slos.yaml': validOpenSlo });
    const user = mockCredentials.user('user:default/jane');
    const ctx = {
      ...createMockActionContext({
        workspacePath,
        input: { entityRef: 'payments' },
      }),
      getInitiatorCredentials: async () => user,
    };

    await createAction().handler(ctx);

    expect(slo.calls).toEqual([
      {
        request: {
          entityRef: 'component:default/payments',
          openslo: validOpenSlo,
          file: 'slos.yaml',
        },
        options: { credentials: user },
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/payments',
    );
    expect(ctx.output).toHaveBeenCalledWith('sloIds', [
      'component:default/payments#payments-availability',
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'ingestionEndpoint',
      'https://backstage.example.com/api/slo/v1/sli',
    );
  });

  it('registers inline YAML without reading the workspace', async () => {
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        entityRef: 'component:payments/api',
        openslo: validOpenSlo,
      },
    });

    await createAction().handler(ctx);

    expect(slo.calls).toHaveLength(1);
    expect(slo.calls[0].request.entityRef).toBe('component:payments/api');
    expect(ctx.output).toHaveBeenCalledWith('sloIds', [
      'component:payments/api#payments-availability',
    ]);
  });

  it('in a dry run validates and outputs what it would register, without calling the backend', async () => {
    mockDir.setContent({ 'workspace/custom/slos.yaml': validOpenSlo });
    const ctx = {
      ...createMockActionContext({
        workspacePath,
        input: {
          entityRef: 'component:default/payments',
          path: 'custom/slos.yaml',
        },
      }),
      isDryRun: true,
    };

    await createAction().handler(ctx);

    expect(slo.calls).toHaveLength(0);
    expect(ctx.output).toHaveBeenCalledWith('sloIds', [
      'component:default/payments#payments-availability',
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'ingestionEndpoint',
      expect.stringMatching(/\/api\/slo\/v1\/sli$/),
    );
  });

  it('shows in a dry run the same SLO ids the backend gives a mixed-case entity ref', async () => {
    const input = {
      entityRef: 'Component:Default/Payments',
      openslo: validOpenSlo,
    };
    const dryRun = {
      ...createMockActionContext({ workspacePath, input }),
      isDryRun: true,
    };
    const real = createMockActionContext({ workspacePath, input });

    await createAction().handler(dryRun);
    await createAction().handler(real);

    const backendIds = [
      canonicalSloId('Component:Default/Payments#payments-availability'),
    ];
    expect(backendIds).toEqual([
      'component:default/payments#payments-availability',
    ]);
    expect(dryRun.output).toHaveBeenCalledWith('sloIds', backendIds);
    expect(real.output).toHaveBeenCalledWith('sloIds', backendIds);
    expect(dryRun.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/payments',
    );
    expect(slo.calls.map(c => c.request.entityRef)).toEqual([
      'component:default/payments',
    ]);
  });

  it('rejects invalid OpenSLO naming the file, field and reason, and registers nothing', async () => {
    mockDir.setContent({
      'workspace/slos.yaml': validOpenSlo.replace(
        'budgetingMethod: Occurrences',
        'budgetingMethod: Sometimes',
      ),
    });
    const ctx = createMockActionContext({
      workspacePath,
      input: { entityRef: 'component:default/payments' },
    });

    const run = createAction().handler(ctx);

    await expect(run).rejects.toThrow(
      /slos\.yaml: document 0 \(payments-availability\) spec\.budgetingMethod/,
    );
    expect(slo.calls).toHaveLength(0);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('also validates in a dry run', async () => {
    const ctx = {
      ...createMockActionContext({
        workspacePath,
        input: {
          entityRef: 'component:default/payments',
          openslo: 'apiVersion: openslo/v1\nkind: SLO\n',
        },
      }),
      isDryRun: true,
    };

    await expect(createAction().handler(ctx)).rejects.toThrow(
      /are invalid:\n {2}- slos\.yaml: document 0/,
    );
  });

  it('refuses a path outside the workspace', async () => {
    mockDir.setContent({ 'outside.yaml': validOpenSlo, workspace: {} });
    const ctx = createMockActionContext({
      workspacePath,
      input: { entityRef: 'payments', path: '../outside.yaml' },
    });

    await expect(createAction().handler(ctx)).rejects.toThrow(
      "Input 'path' must be a path inside the workspace, got '../outside.yaml'",
    );
    expect(slo.calls).toHaveLength(0);
  });

  it('names the missing file', async () => {
    mockDir.setContent({ workspace: {} });
    const ctx = createMockActionContext({
      workspacePath,
      input: { entityRef: 'payments' },
    });

    await expect(createAction().handler(ctx)).rejects.toThrow(
      /cannot read the OpenSLO file 'slos\.yaml'/,
    );
  });

  it('rejects an entity ref it cannot parse', async () => {
    const ctx = createMockActionContext({
      workspacePath,
      input: { entityRef: 'component:default/a/b', openslo: validOpenSlo },
    });

    await expect(createAction().handler(ctx)).rejects.toThrow(
      `Input 'entityRef': "component:default/a/b" is not a valid entity ref (expected kind:namespace/name)`,
    );
  });

  it('passes on what the backend said when it refuses', async () => {
    slo.failWith = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'user:default/jane may not register SLOs',
          },
          request: { method: 'POST', url: '/api/slo/v1/slos' },
          response: { statusCode: 403 },
        }),
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    const ctx = createMockActionContext({
      workspacePath,
      input: { entityRef: 'payments', openslo: validOpenSlo },
    });

    await expect(createAction().handler(ctx)).rejects.toThrow(
      'SLO Kit refused to register the SLOs of component:default/payments (403 Forbidden): user:default/jane may not register SLOs',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
