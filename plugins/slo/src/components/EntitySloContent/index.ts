export { EntitySloContent } from './EntitySloContent';
export type { EntitySloContentProps } from './EntitySloContent';
