/**
 * Scaffolder actions for SLO Kit.
 *
 * @packageDocumentation
 */
export { scaffolderModuleSlo as default } from './module';
