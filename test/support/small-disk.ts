import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

// A real full disk for tests: a small tmpfs. Mounting needs root on Linux (as CI runs); a test
// that uses it is skipped elsewhere with that reason (describe.skipIf(!CAN_MOUNT_SMALL_DISK)).

export const CAN_MOUNT_SMALL_DISK = process.platform === 'linux' && process.getuid?.() === 0;

/** Mounts a tmpfs of `size` (e.g. "64k") for the test, unmounted and removed after it. */
export function useSmallDisk(): (size: string) => string {
  let mountPoint: string | undefined;
  afterEach(() => {
    if (!mountPoint) return;
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
    mountPoint = undefined;
  });
  return (size) => {
    mountPoint = mkdtempSync(join(tmpdir(), 'fluentpro-small-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint]);
    return mountPoint;
  };
}
