/** Queries about people and organisation. Each takes the D1 binding. */
import type { Identity, Role } from '../workflow/types.ts';

interface UserRecord {
  id: string;
  name: string;
  role: Role;
  department_id: string | null;
  street_id: string | null;
  community_id: string | null;
}

const toIdentity = (row: UserRecord): Identity => ({
  userId: row.id,
  name: row.name,
  role: row.role,
  departmentId: row.department_id,
  streetId: row.street_id,
  communityId: row.community_id,
});

export async function findUserByTokenHash(db: D1Database, hash: string, allowDemo: boolean): Promise<Identity | null> {
  const row = await db
    .prepare(
      `SELECT u.id, u.name, u.role, u.department_id, u.street_id, u.community_id
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.demo = 0 OR ?)`,
    )
    .bind(hash, allowDemo ? 1 : 0)
    .first<UserRecord>();
  return row ? toIdentity(row) : null;
}

export async function findUser(db: D1Database, id: string): Promise<Identity | null> {
  const row = await db
    .prepare('SELECT id, name, role, department_id, street_id, community_id FROM users WHERE id = ?')
    .bind(id)
    .first<UserRecord>();
  return row ? toIdentity(row) : null;
}

export async function departmentName(db: D1Database, id: string): Promise<string | null> {
  const row = await db.prepare('SELECT name FROM departments WHERE id = ?').bind(id).first<{ name: string }>();
  return row?.name ?? null;
}

export interface CommunityRecord {
  id: string;
  name: string;
  streetId: string;
  streetName: string;
}

/** The communities with these ids that exist (unknown ids are simply absent). */
export async function findCommunities(db: D1Database, ids: readonly string[]): Promise<CommunityRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .prepare(
      `SELECT c.id, c.name, c.street_id AS streetId, s.name AS streetName
         FROM communities c JOIN streets s ON s.id = c.street_id
        WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .bind(JSON.stringify(ids))
    .all<CommunityRecord>();
  return rows.results;
}

export async function listOrganisation(db: D1Database) {
  const [streets, communities, departments] = await db.batch([
    db.prepare('SELECT id, name, kind FROM streets ORDER BY name'),
    db.prepare('SELECT id, name, street_id AS streetId, kind FROM communities ORDER BY street_id, name'),
    db.prepare('SELECT id, name FROM departments ORDER BY name'),
  ]);
  return { streets: streets!.results, communities: communities!.results, departments: departments!.results };
}
