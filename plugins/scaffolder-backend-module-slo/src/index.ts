/**
 * Scaffolder actions for SLO Kit: write OpenSLO definitions, register them
 * with the SLO backend, and publish a new service without a Git host.
 *
 * @packageDocumentation
 */
export { scaffolderModuleSlo as default } from './module';
export {
  createSloDefinitionsAction,
  createRegisterSlosAction,
  createPublishLocalAction,
  LOCAL_PUBLISH_DIRECTORY_CONFIG_KEY,
} from './actions';
