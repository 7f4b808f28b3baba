export { EntitySloCard } from './EntitySloCard';
export type { EntitySloCardProps } from './EntitySloCard';
