import { createPermission } from '@backstage/plugin-permission-common';

/** Register or update SLO definitions through `POST /api/slo/v1/slos`. */
export const sloRegisterPermission = createPermission({
  name: 'slo.definitions.register',
  attributes: { action: 'create' },
});

/** Every permission SLO Kit defines. */
export const sloPermissions = [sloRegisterPermission];
