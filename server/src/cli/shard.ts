import { createHash } from 'node:crypto';
import { displayPath } from './report';

/**
 * `--shard i/n`: whether a file (by its path relative to the working directory, "/" separators, as every format
 * names it) is in part `index` of `count`. A hash of the path, not its place in the list, so a file stays in its
 * shard when others are added or removed, and every CI job computes the same split.
 */
export function inShard(abs: string, cwd: string, shard: { index: number; count: number }): boolean {
  return shardOf(displayPath(abs, cwd), shard.count) === shard.index;
}

/** 1-based shard of `path` among `count`. */
export function shardOf(path: string, count: number): number {
  return (createHash('sha1').update(path).digest().readUInt32BE(0) % count) + 1;
}
