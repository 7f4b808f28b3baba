import { createBackend } from '@backstage/backend-defaults';
import { catalogModuleLocalPublishedServices } from './modules/catalogModuleLocalPublishedServices';
import { catalogModuleSloPermissionRules } from '@slo-kit/plugin-slo-backend';
import { permissionModuleSloDemoPolicy } from './modules/permissionModuleSloDemoPolicy';
import { authModuleDemoSreProvider } from './modules/authModuleDemoSreProvider';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Auth, development only: the demo signs in as the guest (the Payments team's
// service owner) or as the SRE (demo-sre), see auth.providers in app-config.yaml.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(authModuleDemoSreProvider);

// Catalog, with the Template kind the golden path needs.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Services published with "This portal only" are read from the publish directory.
backend.add(catalogModuleLocalPublishedServices);
// SLO Kit's catalog permission rules (isSreOwner, isServiceOwner), used by the demo policy.
backend.add(catalogModuleSloPermissionRules);

// Scaffolder with the golden-path actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@slo-kit/plugin-scaffolder-backend-module-slo'));

// Permissions: SLO definitions are registered by the entity's owners only.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleSloDemoPolicy);

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// SLO Kit, with Prometheus as an SLI source for SLOs whose metric source is
// `prometheus` (instances under slo.sources.prometheus; the demo's Prometheus
// mode, app-config.prometheus.yaml, configures one).
backend.add(import('@slo-kit/plugin-slo-backend'));
backend.add(import('@slo-kit/plugin-slo-backend-module-prometheus'));

// Assistants: SLO Kit's actions as MCP tools at /api/mcp-actions/v1
// (docs/assistants.md).
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
