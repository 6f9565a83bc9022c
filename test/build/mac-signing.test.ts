import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain .mjs build script without types
import { signingPlan } from '../../build/dist-mac.mjs';

// How the Mac app is signed decides whether a person can open it. electron-builder 26 leaves an
// app unsigned when it finds no certificate ("there is no automatic ad-hoc fallback",
// app-builder-lib src/options/macOptions.ts), and macOS calls an unsigned Apple-silicon app from
// a download "damaged". build/dist-mac.mjs signs ad hoc then, and a release refuses to go out
// without a Developer ID unless the repository asks.

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const plistKeys = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);

/** The options electron-builder's own command line makes of these arguments (electron-builder out/builder.js). */
function asElectronBuilderReadsThem(args: string[]) {
  const yargs = require('yargs') as (argv?: string[]) => unknown;
  const { configureBuildCommand, normalizeOptions } = require('electron-builder/out/builder.js') as {
    configureBuildCommand: (y: unknown) => { parse: (argv: string[]) => unknown };
    normalizeOptions: (args: unknown) => { config: { mac?: Record<string, unknown> } };
  };
  return normalizeOptions(configureBuildCommand(yargs()).parse(['--mac', '--publish', 'never', ...args])).config;
}

describe('signing the Mac app', () => {
  it('with no Developer ID certificate, signs ad hoc with the hardened runtime and the entitlements it then needs', () => {
    const plan = signingPlan({ env: { CSC_IDENTITY_AUTO_DISCOVERY: 'false' } });
    expect(plan.signing).toBe('ad-hoc');
    const config = asElectronBuilderReadsThem(plan.args);
    expect(config.mac).toEqual({ identity: '-', entitlements: 'build/entitlements.mac.adhoc.plist', entitlementsInherit: 'build/entitlements.mac.adhoc.plist' });
    expect(existsSync(join(root, 'build/entitlements.mac.adhoc.plist'))).toBe(true);
    // The same rights as a Developer ID build, plus loading Electron's framework and
    // better-sqlite3's .node, which an ad-hoc signature (no Team ID) cannot match under library validation.
    expect(plistKeys('build/entitlements.mac.adhoc.plist').sort()).toEqual([...plistKeys('build/entitlements.mac.plist'), 'com.apple.security.cs.disable-library-validation'].sort());
    expect(plistKeys('build/entitlements.mac.plist')).toContain('com.apple.security.cs.allow-jit');
    expect(plistKeys('build/entitlements.mac.plist')).not.toContain('com.apple.security.cs.disable-library-validation');
    // electron-builder skips every signature in a pull-request build unless told: ad hoc needs no secret.
    expect(plan.env.CSC_FOR_PULL_REQUEST).toBe('true');
    // Never sent to Apple's notary service (it takes only Developer ID signatures), even with the Apple secrets in the environment.
    for (const name of ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER', 'APPLE_KEYCHAIN_PROFILE']) expect(plan.env[name], name).toBe('');
  });

  it('with a Developer ID certificate (given, or in the keychain), lets electron-builder sign with it and adds nothing', () => {
    expect(signingPlan({ env: { CSC_LINK: 'base64…' } })).toMatchObject({ signing: 'developer-id', args: [] });
    expect(signingPlan({ env: { CSC_NAME: 'FluentPro (ABCDE12345)' } })).toMatchObject({ signing: 'developer-id', args: [] });
    const keychain = '  1) 0123456789ABCDEF0123456789ABCDEF01234567 "Developer ID Application: FluentPro (ABCDE12345)"\n     1 valid identities found\n';
    expect(signingPlan({ env: {}, keychainIdentities: keychain })).toMatchObject({ signing: 'developer-id' });
    // CSC_IDENTITY_AUTO_DISCOVERY=false: the keychain is not looked at, as electron-builder does.
    expect(signingPlan({ env: { CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, keychainIdentities: keychain })).toMatchObject({ signing: 'ad-hoc' });
    // An empty secret (GitHub gives '' for a secret that is not set) is no certificate.
    expect(signingPlan({ env: { CSC_LINK: '' } })).toMatchObject({ signing: 'ad-hoc' });
  });

  it('refuses without a Developer ID when one is required, and says how to go on', () => {
    const plan = signingPlan({ env: { CSC_LINK: '', FLUENTPRO_REQUIRE_DEVELOPER_ID: 'true' } });
    expect(plan.signing).toBe('refused');
    expect(plan.summary).toContain('CSC_LINK');
    expect(plan.summary).toContain('FLUENTPRO_RELEASE_WITHOUT_DEVELOPER_ID');
    expect(signingPlan({ env: { CSC_LINK: 'base64…', FLUENTPRO_REQUIRE_DEVELOPER_ID: 'true' } }).signing).toBe('developer-id');
    // --ad-hoc (the packaged test run) is never refused and never uses the certificate.
    expect(signingPlan({ env: { CSC_LINK: 'base64…', FLUENTPRO_REQUIRE_DEVELOPER_ID: 'true' }, forceAdHoc: true }).signing).toBe('ad-hoc');
  });

  it('the script’s --check exits 1 when it would refuse, 0 when it would sign ad hoc, and builds nothing', () => {
    const check = (env: Record<string, string>) =>
      spawnSync(process.execPath, [join(root, 'build', 'dist-mac.mjs'), '--check'], { env: { PATH: process.env.PATH ?? '', CSC_IDENTITY_AUTO_DISCOVERY: 'false', ...env }, encoding: 'utf8' });
    const refused = check({ CSC_LINK: '', FLUENTPRO_REQUIRE_DEVELOPER_ID: 'true' });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('refusing to build');
    const adHoc = check({ FLUENTPRO_REQUIRE_DEVELOPER_ID: 'false' });
    expect(adHoc.status).toBe(0);
    expect(adHoc.stdout).toContain('signing ad hoc');
  });

  it('electron-builder.yml names no identity, so a release with a certificate is never signed ad hoc', () => {
    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { mac: Record<string, unknown> };
    expect(config.mac).not.toHaveProperty('identity');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
  });

  it('the merged configuration of an ad-hoc build passes electron-builder’s own validation', async () => {
    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
    const adHoc = asElectronBuilderReadsThem(signingPlan({ env: {} }).args);
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as { validateConfiguration: (c: unknown, log: unknown) => Promise<void> };
    const { DebugLogger } = (await import('builder-util/out/DebugLogger.js')) as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration({ ...config, mac: { ...config.mac, ...adHoc.mac } }, new DebugLogger(false))).resolves.toBeUndefined();
  });
});
