/**
 * Base images whose image config sets a non-root USER, so a final stage built on them runs as that user without
 * a USER of its own. Each entry: a pattern over the canonical `registry/path` name and, when only some tags are
 * non-root, a pattern over the tag. Sources: the images' published Dockerfiles and image configs (distroless
 * `:nonroot` tags, Chainguard images, Bitnami's non-root containers, the upstream projects named). Extend it per
 * repository with `nonRootBaseImages` in .harden.yaml.
 */
export interface NonRootImage {
  name: RegExp;
  tag?: RegExp;
  /** The user the image runs as, for the rule's documentation. */
  user: string;
}

export const NON_ROOT_IMAGES: readonly NonRootImage[] = [
  // Distroless: the `nonroot` tags (and `*-nonroot`, `nonroot-*` variants) run as 65532.
  { name: /^gcr\.io\/distroless\//, tag: /(^|[-.])nonroot\b/, user: '65532 (nonroot)' },
  // Any image publishing a `nonroot` or `rootless` tag variant means exactly that.
  { name: /./, tag: /(^|[-.])(nonroot|rootless)\b/, user: 'the image’s non-root user' },
  // Chainguard images run as nonroot (65532) except the -dev variants and wolfi-base, which keep root for apk.
  { name: /^cgr\.dev\/chainguard\/(?!wolfi-base$)/, tag: /^(?!.*-dev$)/, user: '65532 (nonroot)' },
  { name: /^docker\.io\/bitnami\//, user: '1001' },
  { name: /^docker\.io\/nginxinc\/nginx-unprivileged$/, user: '101 (nginx)' },
  { name: /^quay\.io\/keycloak\/keycloak$/, user: '1000' },
  { name: /^docker\.io\/grafana\/grafana(-oss|-enterprise)?$/, user: '472 (grafana)' },
  {
    name: /^(docker\.io\/prom|quay\.io\/prometheus)\/(prometheus|alertmanager|node-exporter|pushgateway|blackbox-exporter)$/,
    user: 'nobody',
  },
  { name: /^docker\.io\/jenkins\/(jenkins|inbound-agent|agent)$/, user: 'jenkins (1000)' },
  { name: /^docker\.io\/library\/sonarqube$/, user: 'sonarqube (1000)' },
  { name: /^docker\.elastic\.co\/(elasticsearch|kibana|logstash|beats)\//, user: '1000' },
  { name: /^docker\.io\/sonatype\/nexus3$/, user: 'nexus (200)' },
  { name: /^docker\.io\/apache\/airflow$/, user: 'airflow (50000)' },
  { name: /^docker\.io\/confluentinc\/cp-/, user: 'appuser (1000)' },
  { name: /^(docker\.io|quay\.io)\/jupyter\//, user: 'jovyan (1000)' },
  { name: /^docker\.io\/selenium\//, user: 'seluser (1200)' },
  { name: /^docker\.io\/zaproxy\/zap-(stable|weekly|bare)$/, user: 'zap (1000)' },
  // .NET chiseled images run as the app user ($APP_UID, 1654).
  { name: /^mcr\.microsoft\.com\/dotnet\//, tag: /chiseled|distroless/, user: 'app (1654)' },
  // Red Hat UBI language images (s2i) run as 1001.
  {
    name: /^registry\.access\.redhat\.com\/ubi\d+\/(nodejs|python|ruby|php|perl|go-toolset|openjdk)-\d+/,
    user: '1001',
  },
];
