export { createSloDefinitionsAction } from './createSloDefinitions';
export { createRegisterSlosAction } from './registerSlos';
export { createPublishLocalAction } from './publishLocal';
