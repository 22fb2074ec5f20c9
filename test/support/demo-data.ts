/**
 * The demo district of seeds/demo (organisation, users, demo tokens) loaded into the test D1. Storage is isolated
 * per test file, so each file that needs people calls loadDemoData() once (in beforeAll); the seed is INSERT OR
 * IGNORE throughout, so calling it twice is harmless.
 */
import { env } from 'cloudflare:workers';
import demoSql from '../../seeds/demo/demo.sql?raw';

export const db = (env as unknown as { DB: D1Database }).DB;

/** The seed's statements: comment lines dropped, split where a statement ends at a line end. */
export function demoStatements(): string[] {
  return demoSql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s !== '');
}

let loaded: Promise<void> | undefined;

export function loadDemoData(): Promise<void> {
  loaded ??= (async () => {
    await db.batch(demoStatements().map((sql) => db.prepare(sql)));
  })();
  return loaded;
}

/** The demo tokens of seeds/demo/accounts.md, by the part each plays in the tests. */
export const TOKENS = {
  admin: 'demo-admin',
  /** 区民政局: owns the requests the tests create. */
  department: 'demo-dept-minzheng',
  /** 区城市管理局: another department. */
  otherDepartment: 'demo-dept-chengguan',
  /** 秋浦街道: the street of the communities the tests target. */
  reviewer: 'demo-reviewer-qiupu',
  /** 梅街镇: another street. */
  otherReviewer: 'demo-reviewer-meijie',
  /** 秋浦街道 杏花社区: the target community. */
  community: 'demo-community-xinghua',
  /** 梅街镇 刘街社区: a community of another street. */
  otherCommunity: 'demo-community-liujie',
} as const;

export const USERS = {
  admin: 'admin',
  department: 'dept-minzheng',
  otherDepartment: 'dept-chengguan',
  reviewer: 'reviewer-qiupu',
  otherReviewer: 'reviewer-meijie',
  community: 'community-qiupu-xinghua',
  otherCommunity: 'community-meijie-liujie',
} as const;

/** Communities of the demo district used as targets. */
export const COMMUNITIES = {
  /** 秋浦街道 杏花社区 (has a demo account). */
  xinghua: 'qiupu-xinghua',
  /** 秋浦街道 百牙社区 (no demo account). */
  baiya: 'qiupu-baiya',
  /** 梅街镇 刘街社区 (has a demo account). */
  liujie: 'meijie-liujie',
  /** 池阳街道 九华社区 (no demo account, no reviewer token). */
  jiuhua: 'chiyang-jiuhua',
} as const;
