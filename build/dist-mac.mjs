#!/usr/bin/env node
// `npm run dist:mac` and both workflows build the Mac app through this script, because how the
// app is signed decides whether a person can open it at all:
//
// - With a Developer ID certificate (CSC_LINK or CSC_NAME, or one in the keychain unless
//   CSC_IDENTITY_AUTO_DISCOVERY is false), electron-builder signs with it, with the hardened
//   runtime and build/entitlements.mac.plist, and notarizes when the APPLE_* variables are set.
// - Without one, electron-builder 26 leaves the app unsigned: "If none is found, signing is
//   skipped for all architectures — there is no automatic ad-hoc fallback" (app-builder-lib
//   src/options/macOptions.ts, `identity`). macOS reports an unsigned Apple-silicon app from a
//   download as "damaged and can't be opened", with no way past it. So this signs ad hoc
//   (`mac.identity: "-"`): the app is then "not verified" (not notarized), which the person
//   opens the first time with System Settings › Privacy & Security › Open Anyway (macOS 15 and
//   later: Apple removed the Control-click override in Sequoia) or right-click › Open (macOS 14
//   and earlier).
//   An ad-hoc signature has no Team ID, so the hardened runtime's library validation would refuse
//   Electron's framework and better-sqlite3's .node (electron-builder warns of exactly this):
//   build/entitlements.mac.adhoc.plist adds com.apple.security.cs.disable-library-validation.
//   electron-builder skips all signing in a pull-request build (GITHUB_BASE_REF set) unless
//   CSC_FOR_PULL_REQUEST is true; an ad-hoc signature uses no secret, so it is set. An ad-hoc
//   build is never sent to Apple's notary service, which takes only Developer ID signatures.
// - FLUENTPRO_REQUIRE_DEVELOPER_ID=true (release.yml, unless the repository asks for a release
//   without one) refuses to build an app that is not signed with a Developer ID.
//
// Usage: node build/dist-mac.mjs [--check] [--ad-hoc] [electron-builder arguments, e.g. --dir --arm64 --publish never]
//   --check   say how it would sign, exit 1 if it would refuse, build nothing
//   --ad-hoc  sign ad hoc even when a certificate is there (the workflows' packaged test run)
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ADHOC_ENTITLEMENTS = 'build/entitlements.mac.adhoc.plist';
/**
 * Apple notarizes only apps signed with a Developer ID: an ad-hoc build is never sent. Empty, the
 * variables electron-builder reads to notarize count as not set (app-builder-lib
 * MacTargetHelper.getNotarizeOptions), even when a workflow passes its Apple secrets.
 */
const NO_NOTARIZATION = { APPLE_ID: '', APPLE_APP_SPECIFIC_PASSWORD: '', APPLE_API_KEY: '', APPLE_API_KEY_ID: '', APPLE_API_ISSUER: '', APPLE_KEYCHAIN_PROFILE: '' };

/**
 * How the app will be signed, from the environment and the keychain's code-signing identities
 * (the output of `security find-identity -v -p codesigning`).
 * @param {{ env: Record<string, string | undefined>, keychainIdentities?: string, forceAdHoc?: boolean }} input
 * @returns {{ signing: 'developer-id' | 'ad-hoc', args: string[], env: Record<string, string>, summary: string } | { signing: 'refused', summary: string }}
 */
export function signingPlan({ env, keychainIdentities = '', forceAdHoc = false }) {
  const set = (name) => typeof env[name] === 'string' && env[name].trim() !== '';
  const inKeychain = env.CSC_IDENTITY_AUTO_DISCOVERY !== 'false' && /"Developer ID Application: /.test(keychainIdentities);
  const developerId = !forceAdHoc && (set('CSC_LINK') || set('CSC_NAME') || inKeychain);
  if (developerId) {
    return { signing: 'developer-id', args: [], env: {}, summary: 'signing with the Developer ID certificate (hardened runtime; notarized when APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID are set)' };
  }
  if (!forceAdHoc && env.FLUENTPRO_REQUIRE_DEVELOPER_ID === 'true') {
    return {
      signing: 'refused',
      summary:
        'refusing to build: no Developer ID certificate (CSC_LINK and CSC_NAME are empty) and FLUENTPRO_REQUIRE_DEVELOPER_ID is true. ' +
        'Add the CSC_LINK and CSC_KEY_PASSWORD secrets, or to publish an ad-hoc-signed build that people must allow in System Settings › Privacy & Security, set the repository variable FLUENTPRO_RELEASE_WITHOUT_DEVELOPER_ID to true.',
    };
  }
  return {
    signing: 'ad-hoc',
    args: ['-c.mac.identity=-', `-c.mac.entitlements=${ADHOC_ENTITLEMENTS}`, `-c.mac.entitlementsInherit=${ADHOC_ENTITLEMENTS}`],
    env: { CSC_FOR_PULL_REQUEST: 'true', ...NO_NOTARIZATION },
    summary: 'no Developer ID certificate: signing ad hoc (not notarized; people open it the first time with System Settings › Privacy & Security › Open Anyway)',
  };
}

/** The keychain's valid code-signing identities, on a Mac; '' elsewhere or when it cannot be asked. */
function keychainIdentities() {
  if (process.platform !== 'darwin') return '';
  try {
    return execFileSync('/usr/bin/security', ['find-identity', '-v', '-p', 'codesigning'], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

function main(argv) {
  const check = argv.includes('--check');
  const forceAdHoc = argv.includes('--ad-hoc');
  const builderArgs = argv.filter((a) => a !== '--check' && a !== '--ad-hoc');
  const plan = signingPlan({ env: process.env, keychainIdentities: keychainIdentities(), forceAdHoc });
  console.log(`dist-mac: ${plan.summary}`);
  if (plan.signing === 'refused') return 1;
  if (check) return 0;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const bin = join(root, 'node_modules', '.bin', 'electron-builder');
  const result = spawnSync(bin, ['--mac', ...builderArgs, ...plan.args], { cwd: root, stdio: 'inherit', env: { ...process.env, ...plan.env } });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
