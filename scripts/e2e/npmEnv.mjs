// The environment for an npm command started from inside another npm command.
//
// `npm run x` exports its own configuration to the script as npm_config_* variables (and npm_lifecycle_*,
// npm_package_*, npm_execpath, npm_node_execpath, npm_command). A nested `npm install` reads those back as
// configuration, so the inner install inherits the outer one's settings, among them npm_config_user_agent,
// which names the OUTER Node version. code-server's postinstall checks the Node major from that user agent,
// so under `npm run test:e2e` (outer npm on Node 20) it refused to install even though the inner npm ran
// on Node 24. Every nested npm call starts from this clean environment instead.
const INHERITED = /^(npm_config_|npm_lifecycle_|npm_package_)/i;
const SINGLE = new Set(['npm_execpath', 'npm_node_execpath', 'npm_command', 'init_cwd']);

/** A copy of `env` without what an outer npm exported to its scripts; `extra` is added on top. */
export function cleanNpmEnv(env = process.env, extra = {}) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || INHERITED.test(k) || SINGLE.has(k.toLowerCase())) continue;
    out[k] = v;
  }
  return { ...out, ...extra };
}
