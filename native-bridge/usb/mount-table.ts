/** Parses Linux's /proc/self/mountinfo and tells which mounts are removable drives (sysfs). */
import fs from 'node:fs';
import path from 'node:path';

export interface MountEntry {
  /** major:minor of the mounted device. */
  devno: string;
  mountPoint: string;
  fstype: string;
  /** What is mounted, e.g. /dev/sdb1. */
  source: string;
}

// Mount points escape space, tab, newline and backslash as octal (\040 …).
const unescape = (s: string) =>
  s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/** One entry per well-formed line; anything else is skipped (the table is the kernel's, but be strict anyway). */
export function parseMountInfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const dash = line.indexOf(' - ');
    if (dash < 0) continue;
    const left = line.slice(0, dash).split(' ');
    const right = line.slice(dash + 3).split(' ');
    if (left.length < 6 || right.length < 2 || !/^\d+:\d+$/.test(left[2]!)) continue;
    out.push({
      devno: left[2]!,
      mountPoint: unescape(left[4]!),
      fstype: right[0]!,
      source: unescape(right[1]!),
    });
  }
  return out;
}

const STICK_FS = new Set([
  'vfat',
  'exfat',
  'ntfs',
  'ntfs3',
  'fuseblk',
  'iso9660',
  'udf',
  'ext4',
  'ext3',
  'ext2',
  'btrfs',
  'xfs',
  'f2fs',
]);

/**
 * A block device the kernel calls removable, or one on a USB bus (USB disks often say
 * removable=0), with a file system a stick would carry. Looked up in /sys/dev/block.
 */
export function isRemovableMount(m: MountEntry, sysDevBlock = '/sys/dev/block'): boolean {
  if (!m.source.startsWith('/dev/') || !STICK_FS.has(m.fstype)) return false;
  let dev: string;
  try {
    dev = fs.realpathSync(path.join(sysDevBlock, m.devno));
  } catch {
    return false;
  }
  if (dev.includes('/usb')) return true;
  for (const dir of [dev, path.dirname(dev)]) {
    try {
      if (fs.readFileSync(path.join(dir, 'removable'), 'utf8').trim() === '1') return true;
    } catch {
      // a partition has no `removable`; its disk (the parent) does
    }
  }
  return false;
}
