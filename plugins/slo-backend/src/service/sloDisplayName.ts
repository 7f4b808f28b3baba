import type { StoredSloDefinition } from '@slo-kit/plugin-slo-node';

/** The name a person reads for an SLO: its objective's display name, else the SLO's, else its name. */
export function sloDisplayName(definition: StoredSloDefinition): string {
  return (
    definition.definition.objectives[0]?.displayName ??
    definition.definition.displayName ??
    definition.name
  );
}
