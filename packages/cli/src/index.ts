/**
 * The slo-kit command line.
 *
 * @packageDocumentation
 */
export { main } from './main';
