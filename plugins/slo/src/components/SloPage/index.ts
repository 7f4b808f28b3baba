export { SloPage } from './SloPage';
export type { SloPageProps } from './SloPage';
