import type { GateEvaluation } from '@slo-kit/plugin-slo-common';
import type { CliIo } from '../io';
import {
  PortalOptions,
  describeRequestFailure,
  portalClient,
} from './portalClient';

/**
 * Exit codes of `slo-kit gate`: allow and warn are 0 (a warning is printed),
 * a block is 3, and 4 means the gate could not be asked (network, token,
 * unknown entity), which `--fail-open` turns into 0.
 */
export const GATE_EXIT_CODES = { allow: 0, warn: 0, block: 3, unknown: 4 };

export interface GateOptions extends PortalOptions {
  entity: string;
  environment?: string;
  version?: string;
  changeType?: string;
  json?: boolean;
  failOpen?: boolean;
}

/** The decision as a person reads it: the answer, who decides, and every reason. */
export function formatGateEvaluation(evaluation: GateEvaluation): string {
  const lines = [
    `${evaluation.decision.toUpperCase()}: ${evaluation.entityRef} (policy ${
      evaluation.policy.name
    }, ${evaluation.policy.mode})`,
  ];
  if (evaluation.enforced !== evaluation.decision) {
    lines.push(
      `  advisory policy: CI goes on (${evaluation.enforced}); the real answer is ${evaluation.decision}`,
    );
  }
  if (evaluation.exemption) {
    lines.push(`  exempt change type: ${evaluation.exemption}`);
  }
  for (const reason of evaluation.reasons) {
    lines.push(`  ${reason.outcome}: ${reason.message}`);
  }
  lines.push(
    `  who decides: ${
      evaluation.decidedBy ?? 'nobody is named (no SRE owner, no owner)'
    }`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Asks the portal's release gate whether the entity may ship now and records
 * the question (who asked, version, environment, change type).
 */
export async function gateCommand(
  options: GateOptions,
  io: CliIo,
): Promise<number> {
  let evaluation: GateEvaluation;
  try {
    evaluation = await portalClient(options.url).evaluateGate(
      {
        entityRef: options.entity,
        ...(options.environment ? { environment: options.environment } : {}),
        ...(options.version ? { version: options.version } : {}),
        ...(options.changeType ? { changeType: options.changeType } : {}),
        record: true,
      },
      { token: options.token },
    );
  } catch (error) {
    const why = `slo-kit gate: could not ask the release gate about ${
      options.entity
    }: ${describeRequestFailure(error)}`;
    if (options.failOpen) {
      io.stderr(`${why}\nslo-kit gate: --fail-open: going on\n`);
      return 0;
    }
    io.stderr(`${why}\n`);
    return GATE_EXIT_CODES.unknown;
  }
  if (options.json) {
    io.stdout(`${JSON.stringify(evaluation, null, 2)}\n`);
  } else if (evaluation.enforced === 'allow') {
    io.stdout(formatGateEvaluation(evaluation));
  } else {
    io.stderr(formatGateEvaluation(evaluation));
  }
  return GATE_EXIT_CODES[evaluation.enforced];
}
