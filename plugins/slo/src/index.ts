/**
 * SLO Kit frontend: entity card, Reliability tab and portfolio page.
 *
 * The new frontend system is served from `@slo-kit/plugin-slo/alpha`.
 *
 * @packageDocumentation
 */
export { sloPlugin, SloPage, EntitySloCard, EntitySloContent } from './plugin';
export { isSloAvailable } from './isSloAvailable';
export { sloApiRef } from './api/sloApiRef';
export { sloGateApiRef } from './api/sloGateApiRef';
export type { EntitySloCardProps } from './components/EntitySloCard';
export type { EntitySloContentProps } from './components/EntitySloContent';
export type { SloPageProps } from './components/SloPage';
