/**
 * SLO Kit backend plugin.
 *
 * @packageDocumentation
 */
export { sloPlugin as default } from './plugin';
