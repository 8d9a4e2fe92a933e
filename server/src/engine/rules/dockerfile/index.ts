import type { Rule } from '../rule';
import addInsteadOfCopy from './add-instead-of-copy';
import addUrlWithoutChecksum from './add-url-without-checksum';
import apkNoCache from './apk-no-cache';
import aptListsCleanup from './apt-lists-cleanup';
import aptNoInstallRecommends from './apt-no-install-recommends';
import baseImageDigest from './base-image-digest';
import baseImageTag from './base-image-tag';
import buildToolsInFinalStage from './build-tools-in-final-stage';
import copyFromOwnStage from './copy-from-own-stage';
import copyFromUnknownStage from './copy-from-unknown-stage';
import copySecretFiles from './copy-secret-files';
import curlPipeShell from './curl-pipe-shell';
import debugToolsInFinalStage from './debug-tools-in-final-stage';
import duplicateStageName from './duplicate-stage-name';
import eolBaseImage from './eol-base-image';
import instructionBeforeFrom from './instruction-before-from';
import invalidExpose from './invalid-expose';
import minimalBaseImage from './minimal-base-image';
import missingHealthcheck from './missing-healthcheck';
import missingPipefail from './missing-pipefail';
import multipleHealthchecks from './multiple-healthchecks';
import noDistUpgrade from './no-dist-upgrade';
import noRootUser from './no-root-user';
import noSshServer from './no-ssh-server';
import nonNumericUser from './non-numeric-user';
import packageInstallYes from './package-install-yes';
import pinLanguagePackages from './pin-language-packages';
import pinOsPackages from './pin-os-packages';
import pipNoCacheDir from './pip-no-cache-dir';
import rpmCacheCleanup from './rpm-cache-cleanup';
import secretInArgOrEnv from './secret-in-arg-or-env';
import shellFormCmd from './shell-form-cmd';
import sudoInRun from './sudo-in-run';
import systemPathVolumeOrWorkdir from './system-path-volume-or-workdir';
import tlsVerificationDisabled from './tls-verification-disabled';
import trustedBaseRegistry from './trusted-base-registry';
import unverifiedDownload from './unverified-download';
import updateWithoutInstall from './update-without-install';
import useAptGet from './use-apt-get';
import useraddWithoutNoLogInit from './useradd-without-no-log-init';
import worldWritablePermissions from './world-writable-permissions';
import yarnCacheClean from './yarn-cache-clean';

/** Dockerfile rules. Add one import and one entry per rule (keep the list sorted by id). */
export const dockerfileRules: Rule[] = [
  addInsteadOfCopy,
  addUrlWithoutChecksum,
  apkNoCache,
  aptListsCleanup,
  aptNoInstallRecommends,
  baseImageDigest,
  baseImageTag,
  buildToolsInFinalStage,
  copyFromOwnStage,
  copyFromUnknownStage,
  copySecretFiles,
  curlPipeShell,
  debugToolsInFinalStage,
  duplicateStageName,
  eolBaseImage,
  instructionBeforeFrom,
  invalidExpose,
  minimalBaseImage,
  missingHealthcheck,
  missingPipefail,
  multipleHealthchecks,
  noDistUpgrade,
  noRootUser,
  noSshServer,
  nonNumericUser,
  packageInstallYes,
  pinLanguagePackages,
  pinOsPackages,
  pipNoCacheDir,
  rpmCacheCleanup,
  secretInArgOrEnv,
  shellFormCmd,
  sudoInRun,
  systemPathVolumeOrWorkdir,
  tlsVerificationDisabled,
  trustedBaseRegistry,
  unverifiedDownload,
  updateWithoutInstall,
  useAptGet,
  useraddWithoutNoLogInit,
  worldWritablePermissions,
  yarnCacheClean,
];
