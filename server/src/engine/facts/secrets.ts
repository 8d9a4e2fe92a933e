/**
 * Recognising credentials by name, by value and by file name; shared by the Dockerfile and Kubernetes rules.
 * Tuned for few false alarms: official images set many `*_KEY`, `*_SHA256` and `GPG_KEYS` variables that hold
 * public data, and settings such as `MYSQL_ALLOW_EMPTY_PASSWORD` name a password without holding one.
 */

/** Words that name a secret on their own (`DB_PASSWORD`, `npmToken`, `AZURE_CLIENT_SECRET`). */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'TOKENS',
  'CREDENTIAL',
  'CREDENTIALS',
  'APIKEY',
  'PRIVATEKEY',
  'SECRETKEY',
  'ACCESSKEY',
]);
/** Words that make a following `KEY` secret (`API_KEY`, `AWS_SECRET_ACCESS_KEY`, `APP_KEY`); a bare `KEY` is usually a key id. */
const KEY_QUALIFIERS = new Set([
  'API',
  'ACCESS',
  'PRIVATE',
  'SECRET',
  'ENCRYPTION',
  'MASTER',
  'LICENSE',
  'CLIENT',
  'APP',
  'AUTH',
  'SSH',
  'SESSION',
  'JWT',
]);
/** A last word that says the variable holds something about the secret, not the secret (`TOKEN_FILE`, `PASSWORD_LENGTH`). */
const ABOUT_WORDS = new Set([
  'FILE',
  'FILES',
  'PATH',
  'DIR',
  'DIRECTORY',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'VERSION',
  'SHA',
  'SHA1',
  'SHA256',
  'SHA512',
  'MD5',
  'CHECKSUM',
  'HASH',
  'DIGEST',
  'NAME',
  'LENGTH',
  'LEN',
  'TTL',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'TIMEOUT',
  'TYPE',
  'HEADER',
  'POLICY',
  'ENABLED',
  'REQUIRED',
  'MODE',
  'METHOD',
  'LOCATION',
  'REF',
  'ENV',
  'VAR',
  'PREFIX',
  'FORMAT',
  'ID',
  'IDS',
]);
/** Words that make a `KEY` a key id or fingerprint (`GPG_KEYS`), while `GPG_PASSPHRASE` stays secret. */
const KEY_ID_WORDS = new Set(['GPG', 'PGP', 'GNUPG', 'FINGERPRINT', 'FINGERPRINTS', 'KEYID']);
/** Words that mark public data or a switch rather than a secret (`NEXT_PUBLIC_API_KEY`, `ALLOW_EMPTY_PASSWORD`). */
const PUBLIC_OR_SWITCH_WORDS = new Set([
  'PUBLIC',
  'PUB',
  'ALLOW',
  'EMPTY',
  'RANDOM',
  'GENERATE',
  'SKIP',
  'DISABLE',
  'ENABLE',
  'NO',
  'REQUIRE',
  'USE',
  'MIN',
  'MAX',
  'CHANGE',
  'RESET',
  'FORGOT',
]);

/** `awsSecretAccessKey`, `AWS_SECRET_ACCESS_KEY`, `aws-secret.access-key` → AWS SECRET ACCESS KEY. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

/** Whether a variable or key name says it holds a credential. */
export function looksLikeSecretName(name: string): boolean {
  const w = words(name);
  if (w.length === 0 || w.some((x) => PUBLIC_OR_SWITCH_WORDS.has(x))) return false;
  const last = w[w.length - 1];
  // AWS_ACCESS_KEY_ID is a credential even though `ID` usually is not.
  if (last === 'ID' && w.length >= 3 && w[w.length - 2] === 'KEY' && w[w.length - 3] === 'ACCESS') return true;
  if (ABOUT_WORDS.has(last) && w.length > 1) return false;
  for (let i = 0; i < w.length; i++) {
    const x = w[i];
    if (SECRET_WORDS.has(x) || x.endsWith('PASSWORD') || x.endsWith('PASSWD')) return true;
    // `DB_PASS`, `MYSQL_PWD`: abbreviations only as the last word of a longer name (`PWD` alone is the working directory).
    if ((x === 'PASS' || x === 'PWD') && i === w.length - 1 && w.length > 1) return true;
    if ((x === 'KEY' || x === 'KEYS') && i > 0 && KEY_QUALIFIERS.has(w[i - 1]) && !w.some((y) => KEY_ID_WORDS.has(y)))
      return true;
  }
  return false;
}

/** Values that configure rather than hold a secret: switches, empty strings, paths to a mounted secret file. */
const NOT_A_SECRET_VALUE = /^(?:|true|false|yes|no|on|off|0|1|\/.*|\.\.?\/.*|~\/.*|file:.*)$/i;

/**
 * Whether `name=value` stores a credential: a secret-like name with a value that is not a switch or a path
 * (an ARG without default, `value` undefined, counts: the build passes it in), or any recognisable secret value.
 */
export function holdsSecret(name: string, value: string | undefined): boolean {
  if (value !== undefined && looksLikeSecretValue(value)) return true;
  return looksLikeSecretName(name) && (value === undefined || !NOT_A_SECRET_VALUE.test(value.trim()));
}

const SECRET_VALUES: RegExp[] = [
  /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----/, // PEM / OpenSSH / PGP private keys
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key id
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{50,}\b/,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/, // GitLab
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/, // Slack
  /\bAIza[0-9A-Za-z_-]{35}\b/, // Google API key
  /\b[sr]k_live_[0-9A-Za-z]{20,}\b/, // Stripe
  /\bnpm_[A-Za-z0-9]{36}\b/, // npm
  /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,}\b/, // OpenAI, Anthropic
  /\bhf_[A-Za-z0-9]{34,}\b/, // Hugging Face
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // JWT
];

/** `scheme://user:password@host` with a literal password (not `$VAR`). */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@$]+:([^\s/@]+)@[^\s]/i;

/** Whether a literal value is recognisably a credential (private key, well-known token format, URL with a password). */
export function looksLikeSecretValue(value: string): boolean {
  if (SECRET_VALUES.some((re) => re.test(value))) return true;
  const m = URL_CREDENTIALS.exec(value);
  return !!m && !m[1].startsWith('$') && !m[1].startsWith('{{');
}

const PRIVATE_KEY_FILE = /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/;
const KEYSTORE = /\.(?:key|p12|pfx|jks|keystore|ppk|p8)$/;
const ENV_FILE = /^\.env(?:\.(?!example$|sample$|template$|dist$|defaults?$|schema$)[\w-]+)?$/;
const CONFIG_FILES = new Set([
  '.npmrc',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.git-credentials',
  'credentials.json',
  '.htpasswd',
  '.pgpass',
  '.my.cnf',
]);
/** Files that are secret by the directory they sit in (`.aws/credentials`, `.docker/config.json`, `.kube/config`). */
const IN_DIR: Record<string, RegExp> = {
  '.aws': /^(?:credentials|config)$/,
  '.docker': /^config\.json$/,
  '.kube': /^config$/,
  '.ssh': /^(?!known_hosts$|config$|.*\.pub$)/,
};
/** Whole directories of credentials. */
const SECRET_DIRS = new Set(['.ssh', '.aws', '.gnupg', '.kube', '.docker']);

/**
 * Whether a build-context path names key material or a credentials file (`id_rsa`, `tls.key`, `.env`, `.npmrc`,
 * `.aws/credentials`); `*.pem` only when the name says private key, since CA bundles are `.pem` too.
 */
export function looksLikeSecretFile(path: string): boolean {
  const parts = path
    .replace(/\\/g, '/')
    .replace(/\/+$/, '')
    .split('/')
    .filter((p) => p && p !== '.');
  const base = parts[parts.length - 1] ?? '';
  const lower = base.toLowerCase();
  const dir = parts[parts.length - 2];
  if (SECRET_DIRS.has(lower)) return true;
  if (dir && IN_DIR[dir]?.test(lower)) return true;
  if (PRIVATE_KEY_FILE.test(lower) || CONFIG_FILES.has(lower) || ENV_FILE.test(lower)) return true;
  if (/(?:^|[._-])pub(?:lic)?(?:[._-]|$)/.test(lower)) return false;
  if (KEYSTORE.test(lower)) return true;
  if (/^client_secret.*\.json$/.test(lower)) return true;
  return (
    lower.endsWith('.pem') && /(?:^|[._-])(?:priv|private|privkey|key)(?:[._-]|$)/.test(lower.replace(/\.pem$/, '.'))
  );
}

/** Destinations that say the copied file is public key material (`/war/jenkins-key.pub`, `/usr/share/keyrings/x.gpg`). */
export function looksLikePublicKeyPath(path: string): boolean {
  return /\.(?:pub|asc|gpg|pgp)$|keyrings?\/|trusted\.gpg|rpm-gpg/i.test(path);
}
