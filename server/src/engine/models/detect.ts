import { looksLikeManifest } from './kubernetes';
import type { DocumentKind } from '../base/types';

/**
 * The names real repositories give Dockerfiles: `Dockerfile`, `Dockerfile.dev`, `Dockerfile-prod`, `Dockerfile_arm64`,
 * `api.Dockerfile`, `Containerfile` and the same for Containerfiles. The CLI walk and the client's document
 * selector (package.json `languages`) use this too.
 */
const DOCKERFILE_NAME = /^(?:dockerfile|containerfile)(?:[._-].+)?$|\.(?:dockerfile|containerfile)$/i;
/** `Dockerfile.<suffix>` is a Dockerfile variant (`Dockerfile.dev`), unless the suffix names another kind of file. */
const NOT_DOCKERFILE_SUFFIX =
  /\.(?:[cm]?[jt]sx?|json|ya?ml|md|txt|go|py|rb|rs|java|kt|sh|ps1|j2|jinja2?|tpl|tmpl|template|erb|dockerignore|ignore|bak|orig|swp|lock|html|xml|toml|ini|cfg|conf)$/i;
const YAML_NAME = /\.ya?ml$/i;

/** The last path segment of a URI or path, decoded. */
export function baseName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Dockerfiles by name or language; Kubernetes by content (top-level `apiVersion` and `kind`). */
export function detectKind(uri: string, text: string, languageId?: string): DocumentKind {
  const name = baseName(uri);
  if (languageId === 'dockerfile' || (DOCKERFILE_NAME.test(name) && !NOT_DOCKERFILE_SUFFIX.test(name)))
    return 'dockerfile';
  const yamlish = languageId === 'yaml' || YAML_NAME.test(name) || (!languageId && !name.includes('.'));
  if (yamlish && looksLikeManifest(text)) return 'kubernetes';
  return 'other';
}
