// What a report can say about practices that live outside Dockerfiles and manifests: dependency update bots and
// image scanners in CI, found by reading a few well-known files of the repository (the CLI's part: file access).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RepoSignals {
  /** Dependabot or Renovate configuration that updates Docker images, as "file (what)". */
  dependencyUpdates: string[];
  /** CI files that run an image scanner, as "file (scanner)". */
  imageScanning: string[];
}

const DEPENDABOT = ['.github/dependabot.yml', '.github/dependabot.yaml'];
const RENOVATE = [
  'renovate.json',
  'renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
];
const SCANNERS: [RegExp, string][] = [
  [/\btrivy\b/i, 'Trivy'],
  [/\bgrype\b/i, 'Grype'],
  [/\bsnyk\b/i, 'Snyk'],
  [/docker\/scout-action|docker scout\b/i, 'Docker Scout'],
  [/anchore\/scan-action/i, 'Anchore'],
  [/\bclair\b/i, 'Clair'],
];

async function text(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function ciFiles(root: string): Promise<string[]> {
  const out = ['.gitlab-ci.yml', 'azure-pipelines.yml', 'Jenkinsfile', '.circleci/config.yml'];
  try {
    for (const name of await readdir(join(root, '.github', 'workflows')))
      if (/\.ya?ml$/.test(name)) out.push(`.github/workflows/${name}`);
  } catch {
    // no workflows
  }
  return out;
}

export async function repoSignals(root: string): Promise<RepoSignals> {
  const dependencyUpdates: string[] = [];
  for (const f of DEPENDABOT) {
    const t = await text(join(root, f));
    if (t === undefined) continue;
    const docker = /package-ecosystem:\s*["']?(docker|docker-compose|helm)["']?/.test(t);
    dependencyUpdates.push(`${f} (${docker ? 'Dependabot, Docker images' : 'Dependabot, no docker ecosystem'})`);
  }
  for (const f of RENOVATE) {
    if ((await text(join(root, f))) !== undefined) dependencyUpdates.push(`${f} (Renovate)`);
  }
  const pkg = await text(join(root, 'package.json'));
  if (pkg && /"renovate"\s*:/.test(pkg)) dependencyUpdates.push('package.json (Renovate)');
  const imageScanning: string[] = [];
  for (const f of await ciFiles(root)) {
    const t = await text(join(root, f));
    if (t === undefined) continue;
    const found = SCANNERS.filter(([re]) => re.test(t)).map(([, name]) => name);
    if (found.length > 0) imageScanning.push(`${f} (${found.join(', ')})`);
  }
  return { dependencyUpdates, imageScanning };
}
