/**
 * Node library for SLO Kit: the service ref other backend plugins use and the
 * extension point for SLI sources.
 *
 * @packageDocumentation
 */
export * from './sloService';
export * from './extensions';
