export interface Config {
  slo?: {
    scaffolder?: {
      /**
       * Directory that `slo:publish:local` copies new services into, for
       * portals without a Git host (demos, local development). Relative paths
       * resolve against the backend's working directory. Each published
       * service's catalog-info.yaml is registered with the catalog as a
       * `file` location. Leave unset in production: the action then refuses
       * to run.
       */
      localPublishDirectory?: string;
    };
  };
}
