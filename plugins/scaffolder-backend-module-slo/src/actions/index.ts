export { createSloDefinitionsAction } from './createSloDefinitions';
export { createRegisterSlosAction } from './registerSlos';
export {
  createPublishLocalAction,
  LOCAL_PUBLISH_DIRECTORY_CONFIG_KEY,
} from './publishLocal';
