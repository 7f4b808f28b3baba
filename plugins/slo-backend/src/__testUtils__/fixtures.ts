/**
 * SLO fixtures of the backend's tests and benchmarks, from slo-common's
 * testUtils: `occurrencesSlo(name)` is a pushed Occurrences SLO over a rolling
 * 28 days as the parser produces it, `openSloYaml(names)` OpenSLO v1 YAML for
 * such SLOs.
 */
import {
  ratioIndicatorFrom,
  sloDefinition,
} from '@slo-kit/plugin-slo-common/testUtils';

export {
  sloDefinition as occurrencesSlo,
  openSloYaml,
} from '@slo-kit/plugin-slo-common/testUtils';

/** An Occurrences SLO whose counts are pulled from the SLI source of `sourceType`. */
export function pulledSlo(name: string, sourceType: string) {
  return sloDefinition(name, { indicator: ratioIndicatorFrom(sourceType) });
}
