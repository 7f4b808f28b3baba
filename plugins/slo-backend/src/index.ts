/**
 * SLO Kit backend plugin.
 *
 * @packageDocumentation
 */
export { sloPlugin as default } from './plugin';
export { catalogModuleSloPermissionRules } from './permissions/catalogModuleSloPermissionRules';
export {
  isServiceOwner,
  isSreOwner,
  sloCatalogConditions,
  sloCatalogPermissionRules,
} from './permissions/sloCatalogRules';
export { transitiveOwnershipClaims } from './permissions/transitiveOwnershipClaims';
