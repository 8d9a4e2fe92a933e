import { canonicalName, type ImageRef, type Stage } from '../models/dockerfile';

export type BaseFamily = 'distroless' | 'alpine' | 'debian' | 'rhel' | 'scratch' | 'unknown';

const DEBIAN_TAG = /\b(bookworm|bullseye|buster|trixie|stretch|jammy|noble|focal|bionic|slim)\b/;
const DEBIAN_BASED_OFFICIAL = new Set([
  'debian',
  'ubuntu',
  'node',
  'python',
  'ruby',
  'golang',
  'php',
  'openjdk',
  'eclipse-temurin',
  'rust',
  'perl',
  'httpd',
  'nginx',
  'postgres',
  'redis',
  'mysql',
  'maven',
  'gradle',
  'buildpack-deps',
]);
const RHEL = /(centos|fedora|rockylinux|almalinux|ubi\d*|oraclelinux|amazonlinux|redhat)/;

/** The OS family of a stage's base image, following `FROM <stage>` chains. Decides which user-creation commands exist. */
export function baseFamily(stage: Stage): BaseFamily {
  const image = stage.root.image;
  if (!image) return 'unknown';
  return imageFamily(image);
}

export function imageFamily(image: ImageRef): BaseFamily {
  const name = canonicalName(image);
  const tag = image.tag?.value.toLowerCase() ?? '';
  if (name === 'scratch') return 'scratch';
  if (name.includes('distroless') || name.startsWith('cgr.dev/chainguard/')) return 'distroless';
  if (name.includes('alpine') || tag.includes('alpine')) return 'alpine';
  if (RHEL.test(name) || tag.includes('oraclelinux') || tag.includes('ubi')) return 'rhel';
  const last = name.slice(name.lastIndexOf('/') + 1);
  if (DEBIAN_TAG.test(tag) || DEBIAN_BASED_OFFICIAL.has(last) || name === 'ubuntu' || name === 'debian')
    return 'debian';
  return 'unknown';
}
