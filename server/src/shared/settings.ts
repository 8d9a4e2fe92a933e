/**
 * The typed client ↔ server contract for `workspace/configuration` section `harden`.
 *
 * Keys that layer over `.harden.yaml` (rules, pss, trustedRegistries, maxFileSize) are present only when the
 * user set them explicitly: a contributed default must not hide the project file. The VS Code client builds
 * this object with `inspect()`; other editors send what their user wrote.
 */
export const SETTINGS_SECTION = 'harden';

export type RunMode = 'onType' | 'onSave';
export type SeverityName = 'off' | 'hint' | 'info' | 'warning' | 'error';

export interface HardenUserSettings {
  /** Default true. */
  enable?: boolean;
  /** Default onType. */
  run?: RunMode;
  rules?: Record<string, SeverityName>;
  pss?: { level?: 'baseline' | 'restricted'; version?: string };
  trustedRegistries?: string[];
  maxFileSize?: number;
}

/** The `harden.*` keys that the client reports only when set explicitly. */
export const LAYERED_KEYS = ['rules', 'pss.level', 'pss.version', 'trustedRegistries', 'maxFileSize'] as const;

/** `harden.dockerfile.languageFeatures`: completion, formatting and the rest for Dockerfiles. */
export type DockerfileFeaturesMode = 'auto' | 'on' | 'off';

/** Extensions that bring their own Dockerfile language server: with one of them, `auto` means off. */
export const OTHER_DOCKERFILE_SERVERS = [
  'docker.docker',
  'ms-azuretools.vscode-docker',
  'ms-azuretools.vscode-containers',
] as const;

/** The VS Code client's notification when the setting or the set of extensions changes. */
export const DOCKERFILE_FEATURES_NOTIFICATION = 'harden/dockerfileLanguageFeatures';
export interface DockerfileFeaturesParams {
  mode: DockerfileFeaturesMode;
  otherServer: boolean;
}

export interface InitializationOptions {
  /** Absent: `on` (other editors have no other Dockerfile server to collide with unless their user says so). */
  dockerfileLanguageFeatures?: DockerfileFeaturesMode;
  /** True when another Dockerfile language server is active in the client (VS Code: a Docker extension). */
  otherDockerfileServer?: boolean;
  /**
   * False in an untrusted (Restricted Mode) workspace: the digest lookup, the only network access, is not
   * offered and `harden.pinDigest` refuses. Absent means trusted (editors without workspace trust).
   */
  workspaceTrusted?: boolean;
}
