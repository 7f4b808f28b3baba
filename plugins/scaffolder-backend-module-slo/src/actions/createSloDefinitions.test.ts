import { readFileSync } from 'node:fs';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseOpenSlo } from '@slo-kit/plugin-slo-common';
import { createSloDefinitionsAction } from './createSloDefinitions';

describe('slo:definitions:create', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');
  const action = createSloDefinitionsAction();

  beforeEach(() => {
    mockDir.clear();
    mockDir.setContent({ workspace: {} });
  });

  const baseInput = {
    service: 'payments',
    availabilityTarget: 99.9,
    latencyThresholdMs: 300,
    latencyTarget: 99,
  };

  it('writes validated OpenSLO to slos.yaml and outputs the path and SLO names', async () => {
    const ctx = createMockActionContext({ workspacePath, input: baseInput });

    await action.handler(ctx);

    const written = readFileSync(
      mockDir.resolve('workspace/slos.yaml'),
      'utf8',
    );
    const parsed = parseOpenSlo(written, 'slos.yaml');
    if (!parsed.ok) {
      throw new Error(JSON.stringify(parsed.issues));
    }
    expect(parsed.slos.map(s => s.name)).toEqual([
      'payments-availability',
      'payments-latency',
    ]);
    const [availability, latency] = parsed.slos;
    expect(availability.objectives[0].target).toBeCloseTo(0.999, 10);
    expect(latency.objectives[0].target).toBeCloseTo(0.99, 10);
    expect(availability.timeWindow).toMatchObject({
      kind: 'rolling',
      duration: '28d',
    });
    expect(availability.budgetingMethod).toBe('Occurrences');
    expect(ctx.output).toHaveBeenCalledWith('path', 'slos.yaml');
    expect(ctx.output).toHaveBeenCalledWith('sloNames', [
      'payments-availability',
      'payments-latency',
    ]);
  });

  it('writes a calendar-month window in the chosen time zone to a custom path', async () => {
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        ...baseInput,
        window: 'calendar-month' as const,
        timeZone: 'Asia/Kolkata',
        budgetingMethod: 'Timeslices' as const,
        targetPath: 'ops/slos.yaml',
      },
    });

    await action.handler(ctx);

    const written = readFileSync(
      mockDir.resolve('workspace/ops/slos.yaml'),
      'utf8',
    );
    const parsed = parseOpenSlo(written, 'ops/slos.yaml');
    expect(parsed).toMatchObject({
      ok: true,
      slos: [
        {
          timeWindow: {
            kind: 'calendar',
            unit: 'M',
            timeZone: 'Asia/Kolkata',
          },
          budgetingMethod: 'Timeslices',
        },
        { budgetingMethod: 'Timeslices' },
      ],
    });
    expect(ctx.output).toHaveBeenCalledWith('path', 'ops/slos.yaml');
  });

  it('ignores a time zone for rolling windows', async () => {
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        ...baseInput,
        window: '30d' as const,
        timeZone: 'Europe/Berlin',
      },
    });

    await action.handler(ctx);

    const written = readFileSync(
      mockDir.resolve('workspace/slos.yaml'),
      'utf8',
    );
    expect(written).not.toContain('Europe/Berlin');
    expect(written).toContain('duration: 30d');
  });

  it('renders and validates in a dry run too', async () => {
    const ctx = {
      ...createMockActionContext({ workspacePath, input: baseInput }),
      isDryRun: true,
    };

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('sloNames', [
      'payments-availability',
      'payments-latency',
    ]);
  });

  it('rejects bad choices naming the field, and writes nothing', async () => {
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        ...baseInput,
        window: 'calendar-month' as const,
        timeZone: 'Mars/Olympus_Mons',
      },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      /timeZone must be an IANA time zone/,
    );
    expect(mockDir.content({ path: 'workspace' })).toEqual({});
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('refuses a target path outside the workspace', async () => {
    const ctx = createMockActionContext({
      workspacePath,
      input: { ...baseInput, targetPath: '../../etc/slos.yaml' },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      "Input 'targetPath' must be a path inside the workspace, got '../../etc/slos.yaml'",
    );
    expect(mockDir.content()).toEqual({ workspace: {} });
  });

  it('declares zod schemas the scaffolder turns into JSON schema', () => {
    expect(action.id).toBe('slo:definitions:create');
    expect(action.supportsDryRun).toBe(true);
    expect(action.schema?.input).toMatchObject({
      type: 'object',
      required: expect.arrayContaining([
        'service',
        'availabilityTarget',
        'latencyThresholdMs',
        'latencyTarget',
      ]),
    });
    expect(action.examples?.length).toBeGreaterThan(0);
  });
});
