/**
 * Test utilities for SLO Kit packages: SLO definitions as the parser produces
 * them and OpenSLO v1 YAML that parses into them.
 *
 * @packageDocumentation
 */
export {
  sloDefinition,
  pulledSloDefinition,
  rollingWindow,
  pushedRatioIndicator,
  ratioIndicatorFrom,
} from './sloDefinitions';
export {
  openSloDocument,
  openSloYaml,
  type OpenSloDocumentOptions,
} from './openSloYaml';
