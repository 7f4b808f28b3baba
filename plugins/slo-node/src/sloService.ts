import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  SloClient,
  type RegisterSlosRequest,
  type RegisterSlosResponse,
} from '@slo-kit/plugin-slo-common';

/** The Backstage plugin id of the SLO Kit backend. */
const SLO_PLUGIN_ID = 'slo';

/**
 * Options for calls that act on behalf of a principal.
 *
 * @public
 */
export interface SloServiceRequestOptions {
  /**
   * Who the call is made for: a user (for example the person running a
   * scaffolder template) or a service. The SLO backend checks these
   * credentials, not the calling plugin's own.
   */
  credentials: BackstageCredentials;
}

/**
 * Lets other backend plugins talk to the SLO Kit backend.
 *
 * @public
 */
export interface SloService {
  /**
   * Registers (or updates) the OpenSLO definitions of an entity, so its SLOs
   * exist before the catalog has read the entity.
   *
   * Throws a `ResponseError` when the SLO backend answers with an error, for
   * example 400 for invalid OpenSLO or 403 when the principal may not register.
   */
  registerSlos(
    request: RegisterSlosRequest,
    options: SloServiceRequestOptions,
  ): Promise<RegisterSlosResponse>;
}

/**
 * The default {@link SloService}: calls `POST /api/slo/v1/slos` on the SLO
 * backend, found through the discovery service.
 *
 * @public
 */
export class DefaultSloService implements SloService {
  private readonly client: SloClient;
  private readonly auth: AuthService;

  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
  }): DefaultSloService {
    return new DefaultSloService(options.discovery, options.auth);
  }

  private constructor(discovery: DiscoveryService, auth: AuthService) {
    this.client = new SloClient({
      discoveryApi: discovery,
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });
    this.auth = auth;
  }

  async registerSlos(
    request: RegisterSlosRequest,
    options: SloServiceRequestOptions,
  ): Promise<RegisterSlosResponse> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: SLO_PLUGIN_ID,
    });
    return this.client.registerSlos(request, { token });
  }
}

/**
 * Service ref for the {@link SloService}. Its default factory calls the SLO
 * backend over HTTP, so any backend plugin or module can depend on it without
 * extra wiring.
 *
 * @public
 */
export const sloServiceRef = createServiceRef<SloService>({
  id: 'slo.service',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      factory({ discovery, auth }) {
        return DefaultSloService.create({ discovery, auth });
      },
    }),
});
