export interface Config {
  slo?: {
    scaffolder?: {
      /**
       * Directory that `slo:publish:local` copies new services into, for
       * portals without a Git host (demos, local development). Relative paths
       * resolve against the backend's working directory. The catalog must read
       * this directory through a `file` location, for example
       * `<directory>/*\/catalog-info.yaml`. Leave unset in production: the
       * action then refuses to run.
       */
      localPublishDirectory?: string;
    };
  };
}
