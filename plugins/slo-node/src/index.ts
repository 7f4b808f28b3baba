/**
 * Node library for SLO Kit: the service ref other backend plugins use, the
 * extension point for SLI sources and the interfaces of the SLO backend's
 * stores.
 *
 * @packageDocumentation
 */
export * from './sloService';
export * from './extensions';
export * from './persistence';
