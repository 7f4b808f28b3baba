/**
 * SLO Kit backend module that pulls SLI data from Prometheus.
 *
 * @packageDocumentation
 */
export { sloModulePrometheus as default } from './module';
