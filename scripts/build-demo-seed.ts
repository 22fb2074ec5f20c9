/**
 * `npx tsx scripts/build-demo-seed.ts`: builds the demo district for local development from
 * seeds/demo/organisation.json (the human-edited source of truth):
 *   - seeds/demo/demo.sql     idempotent INSERT OR IGNORE statements, in foreign-key order, for
 *                             streets, communities, departments, users and api_tokens;
 *   - seeds/demo/accounts.md  the demo accounts and their tokens, for the README.
 * Demo tokens are readable on purpose ("demo-admin"); only their SHA-256 hex reaches the database, with demo = 1,
 * and the Worker accepts them only when ALLOW_DEMO_TOKENS = "true".
 * `--check` writes nothing and exits 1 when the files on disk differ from what would be generated.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = join(root, 'seeds', 'demo');
const sourcePath = join(demoDir, 'organisation.json');
const sqlPath = join(demoDir, 'demo.sql');
const accountsPath = join(demoDir, 'accounts.md');

/** D1 rejects statements over 100 KB; stay far below. */
const MAX_STATEMENT_BYTES = 50_000;

// ---------------------------------------------------------------------------------------------------------------
// Schema

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case ascii slugs (a-z, 0-9, "-")');
/** A display name: one line, no surrounding blanks. */
const name = z
  .string()
  .min(1)
  .max(100)
  .refine((s) => s === s.trim() && !/[\u0000-\u001f\u007f]/.test(s), 'names are one trimmed line');
const demoToken = z.string().regex(/^demo-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'demo tokens look like "demo-<slug>"');

const street = z.strictObject({ id: slug, name, kind: z.enum(['street', 'town']) });
const community = z.strictObject({ id: slug, name, street: slug, kind: z.enum(['community', 'village']) });
const department = z.strictObject({ id: slug, name, aliases: z.array(name).optional() });

const userBase = { id: slug, name, demoToken: demoToken.optional() };
const user = z.discriminatedUnion('role', [
  z.strictObject({ ...userBase, role: z.literal('admin'), unit: name }),
  z.strictObject({ ...userBase, role: z.literal('department'), department: slug }),
  z.strictObject({ ...userBase, role: z.literal('street-reviewer'), street: slug }),
  z.strictObject({ ...userBase, role: z.literal('community'), community: slug }),
]);

const organisation = z
  .strictObject({
    $comment: z.string().optional(),
    district: name,
    createdAt: z.iso.datetime({ precision: 3 }),
    streets: z.array(street).min(1),
    communities: z.array(community).min(1),
    departments: z.array(department).min(1),
    users: z.array(user).min(1),
  })
  .superRefine((org, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    /** Reports the second and later occurrences of a key; `at` is each key's index in `list`. */
    const unique = (list: string, keys: [at: number, key: string][], what: string) => {
      const seen = new Map<string, number>();
      for (const [at, k] of keys) {
        const first = seen.get(k);
        if (first !== undefined) issue([list, at], `duplicate ${what} "${k}" (first at ${list}[${first}])`);
        else seen.set(k, at);
      }
    };
    const keyed = <T>(items: T[], key: (item: T) => string[]) =>
      items.flatMap((item, i) => key(item).map((k): [number, string] => [i, k]));

    unique('streets', keyed(org.streets, (s) => [s.id]), 'street id');
    unique('streets', keyed(org.streets, (s) => [s.name]), 'street name');
    unique('communities', keyed(org.communities, (c) => [c.id]), 'community id');
    unique('communities', keyed(org.communities, (c) => [`${c.street}/${c.name}`]), 'community name in its street');
    unique('departments', keyed(org.departments, (d) => [d.id]), 'department id');
    // A department's name and aliases must not name another department.
    const namesOf = (d: { name: string; aliases?: string[] | undefined }) => [
      ...new Set([d.name, ...(d.aliases ?? [])]),
    ];
    unique('departments', keyed(org.departments, namesOf), 'department name or alias');
    unique('users', keyed(org.users, (u) => [u.id]), 'user id');
    unique('users', keyed(org.users, (u) => (u.demoToken === undefined ? [] : [u.demoToken])), 'demo token');

    const streetIds = new Set(org.streets.map((s) => s.id));
    const communityIds = new Set(org.communities.map((c) => c.id));
    const departmentIds = new Set(org.departments.map((d) => d.id));

    org.communities.forEach((c, i) => {
      if (!streetIds.has(c.street)) issue(['communities', i, 'street'], `unknown street "${c.street}"`);
      else if (!c.id.startsWith(`${c.street}-`))
        issue(['communities', i, 'id'], `community id should start with its street id: "${c.street}-…"`);
    });
    org.users.forEach((u, i) => {
      if (u.role === 'department' && !departmentIds.has(u.department))
        issue(['users', i, 'department'], `unknown department "${u.department}"`);
      if (u.role === 'street-reviewer' && !streetIds.has(u.street))
        issue(['users', i, 'street'], `unknown street "${u.street}"`);
      if (u.role === 'community' && !communityIds.has(u.community))
        issue(['users', i, 'community'], `unknown community "${u.community}"`);
    });

    // Every unit has someone to act for it, and there is an administrator.
    const covered = (role: string, ids: Set<string>, of: (u: z.infer<typeof user>) => string | undefined) => {
      const have = new Set(org.users.filter((u) => u.role === role).map(of));
      for (const id of ids) if (!have.has(id)) issue(['users'], `no ${role} user for "${id}"`);
    };
    covered('department', departmentIds, (u) => (u.role === 'department' ? u.department : undefined));
    covered('street-reviewer', streetIds, (u) => (u.role === 'street-reviewer' ? u.street : undefined));
    covered('community', communityIds, (u) => (u.role === 'community' ? u.community : undefined));
    if (!org.users.some((u) => u.role === 'admin')) issue(['users'], 'no admin user');
  });

type Organisation = z.infer<typeof organisation>;
type User = Organisation['users'][number];

// ---------------------------------------------------------------------------------------------------------------
// Output

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const q = (v: string | number | null) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`;

function insert(table: string, row: Record<string, string | number | null>): string {
  const cols = Object.keys(row);
  const stmt = `INSERT OR IGNORE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => q(row[c]!)).join(', ')});`;
  const bytes = Buffer.byteLength(stmt, 'utf8');
  if (bytes > MAX_STATEMENT_BYTES) throw new Error(`${table}: a statement of ${bytes} bytes is too long`);
  return stmt;
}

function buildSql(org: Organisation): string {
  const at = org.createdAt;
  const out = [
    '-- GENERATED by scripts/build-demo-seed.ts from seeds/demo/organisation.json. Do not edit; edit the JSON and rerun.',
    `-- Demo district: ${org.district}. Idempotent: every statement is INSERT OR IGNORE, in foreign-key order.`,
    '-- Rows that already exist are left as they are: to pick up renamed rows, start from a fresh local database.',
    '',
    '-- streets (镇/街道)',
    ...org.streets.map((s) => insert('streets', { id: s.id, name: s.name, kind: s.kind })),
    '',
    '-- communities (社区/村)',
    ...org.communities.map((c) =>
      insert('communities', { id: c.id, name: c.name, street_id: c.street, kind: c.kind }),
    ),
    '',
    '-- departments (区职能部门)',
    ...org.departments.map((d) => insert('departments', { id: d.id, name: d.name })),
    '',
    '-- users (one role each)',
    ...org.users.map((u) =>
      insert('users', {
        id: u.id,
        name: u.name,
        role: u.role,
        department_id: u.role === 'department' ? u.department : null,
        street_id: u.role === 'street-reviewer' ? u.street : null,
        community_id: u.role === 'community' ? u.community : null,
        created_at: at,
      }),
    ),
    '',
    '-- api_tokens: demo tokens, stored as SHA-256 hex only (the readable tokens are listed in accounts.md)',
    ...org.users
      .filter((u) => u.demoToken !== undefined)
      .map((u) =>
        insert('api_tokens', {
          token_hash: sha256Hex(u.demoToken!),
          user_id: u.id,
          label: `演示令牌 ${u.name}`,
          demo: 1,
          created_at: at,
        }),
      ),
    '',
  ];
  return out.join('\n');
}

const ROLE_LABEL: Record<User['role'], string> = {
  admin: 'admin 管理员',
  department: 'department 区职能部门',
  'street-reviewer': 'street-reviewer 镇街审核',
  community: 'community 社区/村',
};

function unitOf(org: Organisation, u: User): string {
  switch (u.role) {
    case 'admin':
      return u.unit;
    case 'department':
      return org.departments.find((d) => d.id === u.department)!.name;
    case 'street-reviewer':
      return org.streets.find((s) => s.id === u.street)!.name;
    case 'community': {
      const c = org.communities.find((x) => x.id === u.community)!;
      return `${org.streets.find((s) => s.id === c.street)!.name} ${c.name}`;
    }
  }
}

function buildAccounts(org: Organisation): string {
  const rows = org.users
    .filter((u) => u.demoToken !== undefined)
    .map((u) => `| ${ROLE_LABEL[u.role]} | ${unitOf(org, u)} | \`${u.id}\` ${u.name} | \`${u.demoToken}\` |`);
  const count = (role: User['role']) => org.users.filter((u) => u.role === role).length;
  return [
    '<!-- GENERATED by scripts/build-demo-seed.ts from seeds/demo/organisation.json. Do not edit. -->',
    '# 演示账号 / Demo accounts',
    '',
    `演示区：${org.district}，${org.streets.length} 个镇/街道、${org.communities.length} 个社区/村、` +
      `${org.departments.length} 个区职能部门；用户 ${org.users.length} 人` +
      ` (admin ${count('admin')}，department ${count('department')}，street-reviewer ${count('street-reviewer')}，` +
      `community ${count('community')})。下列账号带演示令牌，其余用户没有令牌。`,
    '',
    `Demo district ${org.district}: ${org.streets.length} streets/towns, ${org.communities.length} communities/villages, ` +
      `${org.departments.length} departments, ${org.users.length} users. The accounts below carry a demo API token; ` +
      'no other user has one.',
    '',
    '| 角色 Role | 单位 Unit | 用户 User | 令牌 Token |',
    '|---|---|---|---|',
    ...rows,
    '',
    '用法：`Authorization: Bearer <token>`。演示令牌在数据库里只存 SHA-256，且标记 `demo = 1`：只有 `ALLOW_DEMO_TOKENS = "true"` ' +
      '(仅 `npm run dev`) 时才被接受，部署环境一律拒绝。',
    '',
    'Use as `Authorization: Bearer <token>`. Only the SHA-256 of each token is stored, marked `demo = 1`; the Worker ' +
      'accepts them only when `ALLOW_DEMO_TOKENS = "true"` (local `npm run dev`), never in a deployment.',
    '',
    'Rebuild after editing `organisation.json`: `npx tsx scripts/build-demo-seed.ts`. Load into the local D1:',
    '',
    '```sh',
    'npx wrangler d1 migrations apply DB --local',
    'npx wrangler d1 execute DB --local --file seeds/demo/demo.sql',
    '```',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Main

function main(): void {
  const check = process.argv.includes('--check');
  const parsed = organisation.safeParse(JSON.parse(readFileSync(sourcePath, 'utf8')));
  if (!parsed.success) {
    console.error(`${relative(root, sourcePath)} is invalid:`);
    for (const i of parsed.error.issues) console.error(`  ${i.path.join('.') || '(root)'}: ${i.message}`);
    process.exit(1);
  }
  const org = parsed.data;
  const outputs: [string, string][] = [
    [sqlPath, buildSql(org)],
    [accountsPath, buildAccounts(org)],
  ];
  let stale = false;
  for (const [path, text] of outputs) {
    if (check) {
      let current: string | null = null;
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        /* missing */
      }
      if (current !== text) {
        console.error(`${relative(root, path)} is out of date; run: npx tsx scripts/build-demo-seed.ts`);
        stale = true;
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${relative(root, path)}`);
    }
  }
  if (stale) process.exit(1);
  const tokens = org.users.filter((u) => u.demoToken !== undefined).length;
  console.log(
    `${org.streets.length} streets, ${org.communities.length} communities, ${org.departments.length} departments, ` +
      `${org.users.length} users, ${tokens} demo tokens`,
  );
}

main();
